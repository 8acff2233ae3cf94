{% set klass = ' class="first"' %}{% if children %}

	{% for i, child in enumerate(children) %}
		{# Check whether category access level allows access to subcategories. #}
		{% if True %}
			{% if child.num_items or child.children %}{% set klass = ' class="last"' if i == len(children) - 1 else klass %}
			<div{{ klass }}>
				{% set klass = '' %}
				{% if False %}
				{% else %}
				<h3 class="page-header item-title"><a href="{{ child.link }}">
					{{ esc(child.name) }}</a>
					{% if p.show_cat_num_articles %}
						<span class="badge badge-info tip hasTooltip" title="Số bài viết:">
							Số bài viết:&nbsp;
							{{ child.num_items }}
						</span>
					{% endif %}

					{% if child.children %}
						<a href="#category-{{ child.id }}" data-toggle="collapse" class="btn btn-mini pull-right" aria-label="Mở rộng chuyên mục"><span class="icon-plus" aria-hidden="true"></span></a>
					{% endif %}
				</h3>
				{% endif %}

				{% if p.show_subcat_desc %}
					{% if child.description %}
						<div class="category-desc">
							{{ child.description }}
						</div>
					{% endif %}
				{% endif %}

				{% if child.children %}
					<div class="collapse fade" id="category-{{ child.id }}">
						{{ include('blog_children', children=child.children, p=p) }}
					</div>
				{% endif %}
			</div>
			{% endif %}
		{% endif %}
	{% endfor %}

{% endif %}