<div class="blog{{ pageclass_sfx }}" itemscope itemtype="https://schema.org/Blog">
	{% if p.show_page_heading %}
		<div class="page-header">
			<h1> {{ esc(p.page_heading) }} </h1>
		</div>
	{% endif %}

	{% if p.show_category_title or p.page_subheading %}
		<h2> {{ esc(p.page_subheading) }}
			{% if p.show_category_title %}
				<span class="subheading-category">{{ category.name }}</span>
			{% endif %}
		</h2>
	{% endif %}
	{# afterDisplayTitle #}

	{% if False %}
		{# tagLayout #}
		{# tags #}
	{% endif %}

	{% if p.show_description or p.show_description_image %}
		<div class="category-desc clearfix">
			{% if False %}
				<img src="" alt=""/>
			{% endif %}
			{# beforeDisplayContent #}
			{% if p.show_description and category.description %}
				{{ category.description }}
			{% endif %}
			{# afterDisplayContent #}
		</div>
	{% endif %}

	{% if not lead_items and not link_items and not intro_items %}
		{% if p.show_no_articles %}
			<p>Không có bài nào trong mục này. Nếu có các mục con được hiển thị, chúng sẽ có bài viết trong đó.</p>
		{% endif %}
	{% endif %}

	{% set leadingcount = 0 %}
	{% if lead_items %}
		<div class="items-leading clearfix">
			{% for item in lead_items %}
				<div class="leading-{{ leadingcount }}"
					itemprop="blogPost" itemscope itemtype="https://schema.org/BlogPosting">
					{{ include('blog_item', p=p, item=item) }}
				</div>
				{% set leadingcount = leadingcount + 1 %}
			{% endfor %}
		</div><!-- end items-leading -->
	{% endif %}

	{% set introcount = len(intro_items) %}{% set counter = 0 %}

	{% if intro_items %}
		{% for key, item in enumerate(intro_items) %}
			{% set rowcount = (key % columns) + 1 %}
			{% if rowcount == 1 %}
				{% set row = php_div(counter, columns) %}
				<div class="items-row cols-{{ columns }} {{ 'row-%s' % row }} row-fluid clearfix">
			{% endif %}
			<div class="span{{ 12 // columns }}">
				<div class="item column-{{ rowcount }}"
					itemprop="blogPost" itemscope itemtype="https://schema.org/BlogPosting">
					{{ include('blog_item', p=p, item=item) }}
				</div>
				<!-- end item -->
				{% set counter = counter + 1 %}
			</div><!-- end span -->
			{% if rowcount == columns or counter == introcount %}
				</div><!-- end row -->
			{% endif %}
		{% endfor %}
	{% endif %}

	{% if link_items %}
		<div class="items-more">
			{{ include('blog_links', link_items=link_items) }}
		</div>
	{% endif %}

	{% if children %}
		<div class="cat-children">
			{% if True %}
				<h3> Chuyên mục phụ </h3>
			{% endif %}
			{{ include('blog_children', children=children, p=p) }} </div>
	{% endif %}
	{% if pagination %}
		<div class="pagination">
			{% if True %}
				<p class="counter pull-right"> {{ pagination.counter }} </p>
			{% endif %}
			{{ pagination.links }} </div>
	{% endif %}
</div>
