<div class="category-list{{ pageclass_sfx }}">

	{% if p.show_page_heading %}
	<h1>
		{{ esc(p.page_heading) }}
	</h1>
	{% endif %}

	{% if p.show_category_title or p.page_subheading %}
	<h2>
		{{ esc(p.page_subheading) }}
		{% if p.show_category_title %}
			<span class="subheading-category">{{ category.name }}</span>
		{% endif %}
	</h2>
	{% endif %}

	{% if p.show_description or p.show_description_image %}
	<div class="category-desc">
		{% if False %}
			<img src=""/>
		{% endif %}
		{% if p.show_description and category.description %}
			{{ category.description }}
		{% endif %}
		<div class="clr"></div>
	</div>
	{% endif %}

	<div class="cat-items">
		{{ include('category_articles', p=p, items=items, pagination=pagination, action=action, limit=limit) }}
	</div>

	{% if children %}
	<div class="cat-children">
		{% if True %}
		<h3>
			Chuyên mục phụ
		</h3>
		{% endif %}
		{{ include('blog_children', children=children, p=p) }}
	</div>
	{% endif %}
</div>
