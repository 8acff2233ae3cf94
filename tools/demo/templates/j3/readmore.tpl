
<p class="readmore">
	{% if False %}
	{% elif False %}
	{% elif not p.show_readmore_title %}
		<a class="btn" href="{{ item.link }}" itemprop="url" aria-label="{{ 'Xem thêm: ' }} {{ esc_q(item.title) }}">
			{{ '<span class="icon-chevron-right" aria-hidden="true"></span>' }} 
			{{ 'Xem tiếp...' }}
		</a>
	{% else %}
		<a class="btn" href="{{ item.link }}" itemprop="url" aria-label="{{ 'Xem thêm: ' }} {{ esc_q(item.title) }}">
			{{ '<span class="icon-chevron-right" aria-hidden="true"></span>' }} 
			{{ 'Xem thêm: ' }}
			{{ truncate(item.title, 100) }}
		</a>
	{% endif %}
</p>
