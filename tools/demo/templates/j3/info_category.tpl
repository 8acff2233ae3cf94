			<dd class="category-name">
				{# title #}
				{% if p.link_category %}
					{# url #}
					{{ 'Chuyên mục: %s' % ('<a href="%s" itemprop="genre">%s</a>' % (item.category_link, esc(item.category_title))) }}
				{% else %}
					{{ 'Chuyên mục: %s' % ('<span itemprop="genre">%s</span>' % esc(item.category_title)) }}
				{% endif %}
			</dd>