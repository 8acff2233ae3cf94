			<dd class="parent-category-name">
				{# title #}
				{% if p.link_parent_category %}
					{# url #}
					{{ 'Chuyên mục chính: %s' % ('<a href="%s" itemprop="genre">%s</a>' % (item.parent_link, esc(item.parent_title))) }}
				{% else %}
					{{ 'Chuyên mục chính: %s' % ('<span itemprop="genre">%s</span>' % esc(item.parent_title)) }}
				{% endif %}
			</dd>