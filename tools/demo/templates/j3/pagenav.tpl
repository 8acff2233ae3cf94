<ul class="pager pagenav">
{% if prev %}
	<li class="previous">
		<a class="hasTooltip" title="{{ esc(prev.title) }}" aria-label="{{ 'Bài trước: %s' % esc(prev.title) }}" href="{{ prev.link }}" rel="prev">
			{{ '<span class="icon-chevron-left" aria-hidden="true"></span> <span aria-hidden="true">' + 'Trang trước' + '</span>' }}
		</a>
	</li>
{% endif %}
{% if next %}
	<li class="next">
		<a class="hasTooltip" title="{{ esc(next.title) }}" aria-label="{{ 'Bài sau: %s' % esc(next.title) }}" href="{{ next.link }}" rel="next">
			{{ '<span aria-hidden="true">' + 'Trang sau' + '</span> <span class="icon-chevron-right" aria-hidden="true"></span>' }}
		</a>
	</li>
{% endif %}
</ul>
