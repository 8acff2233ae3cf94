
{% if not items %}

	{% if p.show_no_articles %}
	<p>Không có bài nào trong mục này. Nếu có các mục con được hiển thị, chúng sẽ có bài viết trong đó.</p>
	{% endif %}

{% else %}

<form action="{{ action }}" method="post" name="adminForm" id="adminForm">
	{% if True %}
	<fieldset class="filters">
		{% if False %}
		<legend class="hidelabeltxt">
		</legend>
		{% endif %}

		{% if p.show_pagination_limit %}
		<div class="display-limit">
			Hiển thị #&#160;
			{{ limit_box(limit) }}
		</div>
		{% endif %}

	<!-- @TODO add hidden inputs -->
		<input type="hidden" name="filter_order" value="" />
		<input type="hidden" name="filter_order_Dir" value="" />
		<input type="hidden" name="limitstart" value="" />
	</fieldset>
	{% endif %}

	<table class="category">
		{% if p.show_headings %}
		<thead>
			<tr>
				<th class="list-title" id="tableOrdering">
					{{ grid_sort('Tiêu đề', 'a.title') }}
				</th>

				{% if p.list_show_date %}
				<th class="list-date" id="tableOrdering2">
					{% if True %}
						{{ grid_sort('Ngày tạo', 'a.created') }}
					{% elif False %}
					{% elif False %}
					{% endif %}
				</th>
				{% endif %}

				{% if p.list_show_author %}
				<th class="list-author" id="tableOrdering3">
					{{ grid_sort('Tác giả', 'author') }}
				</th>
				{% endif %}

				{% if p.list_show_hits %}
				<th class="list-hits" id="tableOrdering4">
					{{ grid_sort('Lượt xem', 'a.hits') }}
				</th>
				{% endif %}
			</tr>
		</thead>
		{% endif %}

		<tbody>

		{% for i, article in enumerate(items) %}
			{% if False %}
				<tr class="system-unpublished cat-list-row{{ i % 2 }}">
			{% else %}
				<tr class="cat-list-row{{ i % 2 }}" >
			{% endif %}
				{% if True %}

					<td class="list-title">
						<a href="{{ article.link }}">
							{{ esc(article.title) }}</a>

						{% if False %}
						{% endif %}
					</td>

					{% if p.list_show_date %}
					<td class="list-date">
						{{ date_lc3(article.created) }}
					</td>
					{% endif %}

					{% if p.list_show_author %}
					<td class="list-author">
						{% if article.author %}
							{# author #}
							{# alias #}

							{% if False %}

							{% else %}
								{{ 'Viết bởi %s' % article.author }}
							{% endif %}
						{% endif %}
					</td>
					{% endif %}

					{% if p.list_show_hits %}
					<td class="list-hits">
						{{ article.hits }}
					</td>
					{% endif %}

				{% else %}
				{% endif %}
				</tr>
		{% endfor %}
		</tbody>
	</table>
{% endif %}

{# Code to add a link to submit an article. #}
{% if False %}
{% endif %}

{# Add pagination links #}
{% if items %}
	{% if pagination %}
	<div class="pagination">

		{% if True %}
		 	<p class="counter">
				{{ pagination.counter }}
			</p>
		{% endif %}

		{{ pagination.links }}
	</div>
	{% endif %}
</form>
{% endif %}
