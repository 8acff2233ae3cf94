<ul>
	<li>
		{% if prev_link %}
		<a href="{{ prev_link }}" title="{{ prev_title }}" aria-label="{{ prev_aria }}" rel="prev">
			{{ '<span class="icon-chevron-left" aria-hidden="true"></span> ' + 'Trang trước' }}
		</a>
		{% endif %}
	</li>
	<li>
		{% if next_link %}
		<a href="{{ next_link }}" title="{{ next_title }}" aria-label="{{ next_aria }}" rel="next">
			{{ 'Trang sau' + ' <span class="icon-chevron-right" aria-hidden="true"></span>' }}
		</a>
		{% endif %}
	</li>
</ul>
