
{% if False %}
<div class="system-unpublished">
{% endif %}
{% if p.show_title %}
	<h2>
		{% if p.link_titles %}
			<a href="{{ item.link }}">
			{{ esc(item.title) }}</a>
		{% else %}
			{{ esc(item.title) }}
		{% endif %}
	</h2>
{% endif %}

{% if p.show_print_icon or p.show_email_icon %}
	<ul class="actions">
		{% if p.show_print_icon %}
		<li class="print-icon">
			{{ item.print_icon }}
		</li>
		{% endif %}
		{% if p.show_email_icon %}
		<li class="email-icon">
			{{ item.email_icon }}
		</li>
		{% endif %}
		{% if False %}
		<li class="edit-icon">
		</li>
		{% endif %}
	</ul>
{% endif %}

{% if not p.show_intro %}
	{# afterDisplayTitle #}
{% endif %}

{# beforeDisplayContent #}

{# to do not that elegant would be nice to group the params #}

{% if True %}
 <dl class="article-info">
 <dt class="article-info-term">Chi tiết</dt>
{% endif %}
{% if p.show_parent_category and item.parent_title %}
		<dd class="parent-category-name">
			{# title, url #}
			{% if p.link_parent_category %}
				{{ 'Chuyên mục chính: <a href="%s">%s</a>' % (item.parent_link, esc(item.parent_title)) }}
				{% else %}
				{{ 'Chuyên mục chính: %s' % esc(item.parent_title) }}
			{% endif %}
		</dd>
{% endif %}
{% if p.show_category %}
		<dd class="category-name">
			{# title, url #}
			{% if p.link_category %}
				{{ 'Chuyên mục: <a href="%s">%s</a>' % (item.category_link, esc(item.category_title)) }}
				{% else %}
				{{ 'Chuyên mục: %s' % esc(item.category_title) }}
			{% endif %}
		</dd>
{% endif %}
{% if p.show_create_date %}
		<dd class="create">
		{{ 'Được viết ngày %s' % date_lc2(item.created) }}
		</dd>
{% endif %}
{% if p.show_modify_date and item.modified %}
		<dd class="modified">
		{{ 'Cập nhật lần cuối ngày %s' % date_lc2(item.modified) }}
		</dd>
{% endif %}
{% if p.show_publish_date %}
		<dd class="published">
		{{ 'Được đăng ngày %s' % date_lc2(item.publish_up) }}
		</dd>
{% endif %}
{% if p.show_author and item.author %}
	<dd class="createdby">
		{# author #}
		{# alias #}

			{% if False %}
				{# link #}

			{% else %}
				{{ 'Viết bởi %s' % item.author }}
			{% endif %}
	</dd>
{% endif %}
{% if p.show_hits %}
		<dd class="hits">
		{{ 'Lượt xem: %s' % item.hits }}
		</dd>
{% endif %}
{% if True %}
 	</dl>
{% endif %}
{% if item.image_intro %}
	{# imgfloat #}
	{% set img = item.image_intro %}<div class="img-intro-{{ esc(img.float) }}">
	<img
		{% if img.caption %}{{ 'class="caption" title="%s"' % esc(img.caption) }}{% endif %}
		src="{{ esc(img.src) }}" alt="{{ esc(img.alt) }}"/>
	</div>
{% endif %}
{{ item.introtext }}

{% if p.show_readmore and item.readmore %}
		<p class="readmore">
				<a href="{{ item.link }}">
					{{ 'Xem tiếp...' }}</a>
		</p>
{% endif %}

{% if False %}
</div>
{% endif %}

<div class="item-separator"></div>
{# afterDisplayContent #}
