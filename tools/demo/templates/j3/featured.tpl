<div class="blog-featured{{ pageclass_sfx }}" itemscope itemtype="https://schema.org/Blog">
{% if p.show_page_heading %}
<div class="page-header">
	<h1>
	{{ esc(p.page_heading) }}
	</h1>
</div>
{% endif %}
{% if p.page_subheading %}
	<h2> 
		{{ esc(p.page_subheading) }}
	</h2>
{% endif %}
{% set leadingcount = 0 %}
{% if lead_items %}
<div class="items-leading clearfix">
	{% for item in lead_items %}
		<div class="leading-{{ leadingcount }} clearfix"
			itemprop="blogPost" itemscope itemtype="https://schema.org/BlogPosting">
			{{ include('featured_item', p=p, item=item) }}
		</div>
		{% set leadingcount = leadingcount + 1 %}
	{% endfor %}
</div>
{% endif %}
{% set introcount = len(intro_items) %}{% set counter = 0 %}
{% if intro_items %}
	{% for key, item in enumerate(intro_items) %}

		{% set rowcount = (key % columns) + 1 %}{% set row = php_div(counter, columns) %}{% if rowcount == 1 %}

		<div class="items-row cols-{{ columns }} {{ 'row-%s' % row }} row-fluid">
		{% endif %}
			<div class="item column-{{ rowcount }} span{{ 12 // columns }}"
				itemprop="blogPost" itemscope itemtype="https://schema.org/BlogPosting">
			{{ include('featured_item', p=p, item=item) }}
			</div>
			{% set counter = counter + 1 %}

			{% if rowcount == columns or counter == introcount %}

		</div>
		{% endif %}

	{% endfor %}
{% endif %}

{% if link_items %}
	<div class="items-more">
	{{ include('featured_links', link_items=link_items) }}
	</div>
{% endif %}

{% if pagination %}
	<div class="pagination">

		{% if True %}
			<p class="counter pull-right">
				{{ pagination.counter }}
			</p>
		{% endif %}
				{{ pagination.links }}
	</div>
{% endif %}

</div>
