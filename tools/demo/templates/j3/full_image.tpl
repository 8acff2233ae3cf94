{# images #}
{% if item.image_fulltext %}
	{% set img = item.image_fulltext %}
	<div class="pull-{{ esc(img.float) }} item-image"> <img
		{% if img.caption %}{{ 'class="caption" title="%s"' % esc(img.caption) }}{% endif %}
	src="{{ esc(img.src) }}" alt="{{ esc(img.alt) }}" itemprop="image"/> </div>
{% endif %}
