{% if p.show_title or (p.show_author and item.author) %}
	<div class="page-header">
		{% if p.show_title %}
			<h2 itemprop="name">
				{% if p.link_titles %}
					<a href="{{ item.link }}" itemprop="url">
						{{ esc(item.title) }}
					</a>
				{% else %}
					{{ esc(item.title) }}
				{% endif %}
			</h2>
		{% endif %}

		{% if False %}
			<span class="label label-warning">Chưa đăng</span>
		{% endif %}

		{% if False %}
			<span class="label label-warning">Chưa đăng</span>
		{% endif %}

		{% if False %}
			<span class="label label-warning">Hết hạn</span>
		{% endif %}
	</div>
{% endif %}
