<div class="category-list{{ pageclass_sfx }}">

<div>
	<div class="{{ 'content-category' }}">
		{% if p.show_page_heading %}
			<h1>
				{{ esc(p.page_heading) }}
			</h1>
		{% endif %}

		{% if p.show_category_title %}
			<h2>
				{{ category.name }}
			</h2>
		{% endif %}
		{# afterDisplayTitle #}

		{% if True %}
			{# tags (none) #}
		{% endif %}

		{% if p.show_description or p.show_description_image %}
			<div class="category-desc">
				{% if False %}
					<img src="" alt=""/>
				{% endif %}
				{# beforeDisplayContent #}
				{% if p.show_description and category.description %}
					{{ category.description }}
				{% endif %}
				{# afterDisplayContent #}
				<div class="clr"></div>
			</div>
		{% endif %}
		{{ include('category_articles', p=p, items=items, pagination=pagination, action=action, limit=limit, category=category) }}

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
</div>


</div>
