
<div class="icons">
	{% if not print_view %}

		{% if p.show_print_icon or p.show_email_icon %}
			<div class="btn-group pull-right">
				<button class="btn dropdown-toggle" type="button" id="dropdownMenuButton-{{ item.id }}" aria-label="Công cụ thành viên"
				data-toggle="dropdown" aria-haspopup="true" aria-expanded="false">
					<span class="icon-cog" aria-hidden="true"></span>
					<span class="caret" aria-hidden="true"></span>
				</button>
				{# Note the actions class is deprecated. Use dropdown-menu instead. #}
				<ul class="dropdown-menu" aria-labelledby="dropdownMenuButton-{{ item.id }}">
					{% if p.show_print_icon %}
						<li class="print-icon"> {{ item.print_icon }} </li>
					{% endif %}
					{% if p.show_email_icon %}
						<li class="email-icon"> {{ item.email_icon }} </li>
					{% endif %}
					{% if False %}
						<li class="edit-icon"> </li>
					{% endif %}
				</ul>
			</div>
		{% endif %}

	{% else %}

		<div class="pull-right">
		</div>

	{% endif %}
</div>
