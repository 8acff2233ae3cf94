	<dl class="article-info muted">

		{% if position == 'above' %}

			<dt class="article-info-term">
				{% if True %}
					{{ 'Chi tiết' }}
				{% endif %}
			</dt>

			{% if p.show_author and item.author %}
				{{ include('info_author', item=item) }}
			{% endif %}

			{% if p.show_parent_category and item.parent_title %}
				{{ include('info_parent_category', item=item, p=p) }}
			{% endif %}

			{% if p.show_category %}
				{{ include('info_category', item=item, p=p) }}
			{% endif %}

			{% if False %}
			{% endif %}

			{% if p.show_publish_date %}
				{{ include('info_publish_date', item=item) }}
			{% endif %}

		{% endif %}

		{% if position == 'above' %}
			{% if p.show_create_date %}
				{{ include('info_create_date', item=item) }}
			{% endif %}

			{% if p.show_modify_date and item.modified %}
				{{ include('info_modify_date', item=item) }}
			{% endif %}

			{% if p.show_hits %}
				{{ include('info_hits', item=item) }}
			{% endif %}
		{% endif %}
	</dl>
