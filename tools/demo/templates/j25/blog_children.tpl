{% set klass = ' class="first"' %}

{% if children %}
	<ul>
	{% for i, child in enumerate(children) %}
		{% if child.num_items or child.children %}{% set klass = ' class="last"' if i == len(children) - 1 else klass %}
		<li{{ klass }}>
			{% set klass = '' %}
			<span class="item-title"><a href="{{ child.link }}">
				{{ esc(child.name) }}</a>
			</span>

			{% if p.show_subcat_desc %}
			{% if child.description %}
				<div class="category-desc">
					{{ child.description }}
				</div>
			{% endif %}
            {% endif %}

			{% if p.show_cat_num_articles %}
			<dl>
				<dt>
					Số bài viết:
				</dt>
				<dd>
					{{ child.num_items }}
				</dd>
			</dl>
			{% endif %}

			{% if child.children %}{{ include('blog_children', children=child.children, p=p) }}{% endif %}
		</li>
		{% endif %}
	{% endfor %}
	</ul>
{% endif %}