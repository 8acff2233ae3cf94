{% if content %}
		<{{ tag }} class="moduletable{{ esc(sfx) }}">
			{% if showtitle %}
				<{{ htag + '>' + title }}</{{ htag }}>
			{% endif %}
			{{ content }}
		</{{ tag }}>
	{% endif %}