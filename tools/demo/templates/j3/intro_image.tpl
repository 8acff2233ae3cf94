{# images #}
{% if item.image_intro %}
	{% set img = item.image_intro %}
	<div class="pull-{{ esc(img.float) }} item-image">
	{% if p.link_titles %}
		<a href="{{ item.link }}"><img
		{% if img.caption %}
			{{ 'class="caption" title="%s"' % esc(img.caption) }}
		{% endif %}
		src="{{ esc(img.src) }}" alt="{{ esc(img.alt) }}" itemprop="thumbnailUrl"/></a>
	{% else %}<img
		{% if img.caption %}
			{{ 'class="caption" title="%s"' % esc(img.caption) }}
		{% endif %}
		src="{{ esc(img.src) }}" alt="{{ esc(img.alt) }}" itemprop="thumbnailUrl"/>
	{% endif %}
	</div>
{% endif %}
