<form action="{{ action }}" method="post" name="adminForm" id="adminForm" class="form-inline">
{% if p.show_pagination_limit %}
	<fieldset class="filters btn-toolbar clearfix">
		<legend class="hide">Bộ lọc</legend>
		{% if False %}
		{% endif %}
		{% if p.show_pagination_limit %}
			<div class="btn-group pull-right">
				<label for="limit" class="element-invisible">
					Hiển thị #
				</label>
				{{ limit_box(limit) }}
			</div>
		{% endif %}

		<input type="hidden" name="filter_order" value="" />
		<input type="hidden" name="filter_order_Dir" value="" />
		<input type="hidden" name="limitstart" value="" />
		<input type="hidden" name="task" value="" />
	</fieldset>

	<div class="control-group hide pull-right">
		<div class="controls">
			<button type="submit" name="filter_submit" class="btn btn-primary">Lọc</button>
		</div>
	</div>

{% endif %}

{% if not items %}
	{% if p.show_no_articles %}
		<p>Không có bài nào trong mục này. Nếu có các mục con được hiển thị, chúng sẽ có bài viết trong đó.</p>
	{% endif %}
{% else %}
	<table class="category table table-striped table-bordered table-hover">
		<caption class="hide">{{ 'Danh sách bài viết trong chuyên mục %s' % category.name }}</caption>
		<thead>
			<tr>
				<th scope="col" id="categorylist_header_title">
					{{ grid_sort('Tiêu đề', 'a.title', form=True) }}
				</th>
				{% if p.list_show_date %}
					<th scope="col" id="categorylist_header_date">
						{% if True %}
							{{ grid_sort('Ngày tạo', 'a.created') }}
						{% elif False %}
						{% elif False %}
						{% endif %}
					</th>
				{% endif %}
				{% if p.list_show_author %}
					<th scope="col" id="categorylist_header_author">
						{{ grid_sort('Tác giả', 'author') }}
					</th>
				{% endif %}
				{% if p.list_show_hits %}
					<th scope="col" id="categorylist_header_hits">
						{{ grid_sort('Lượt xem', 'a.hits') }}
					</th>
				{% endif %}
				{% if False %}
				{% endif %}
				{% if False %}
				{% endif %}
				{% if False %}
				{% endif %}
			</tr>
		</thead>
		<tbody>
		{% for i, article in enumerate(items) %}
			{% if False %}
				<tr class="system-unpublished cat-list-row{{ i % 2 }}">
			{% else %}
				<tr class="cat-list-row{{ i % 2 }}" >
			{% endif %}
			<td headers="categorylist_header_title" class="list-title">
				{% if True %}
					<a href="{{ article.link }}">
						{{ esc(article.title) }}
					</a>
					{% if False %}
					{% endif %}
				{% else %}
				{% endif %}
				{% if False %}
				{% endif %}
				{% if False %}
				{% endif %}
				{% if False %}
				{% endif %}
			</td>
			{% if p.list_show_date %}
				<td headers="categorylist_header_date" class="list-date small">
					{{ date_lc3(article.created) }}
				</td>
			{% endif %}
			{% if p.list_show_author %}
				<td headers="categorylist_header_author" class="list-author">
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
				<td headers="categorylist_header_hits" class="list-hits">
							<span class="badge badge-info">
								{{ 'Lượt xem: %s' % article.hits }}
							</span>
						</td>
			{% endif %}
			{% if False %}
			{% endif %}
			{% if False %}
			{% endif %}
			{% if False %}
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
				<p class="counter pull-right">
					{{ pagination.counter }}
				</p>
			{% endif %}

			{{ pagination.links }}
		</div>
	{% endif %}
{% endif %}
</form>
