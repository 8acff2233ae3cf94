{% if True %}
	{% if False %}
		{# Checks template image directory for image, if none found default are loaded #}
	{% else %}
		<span class="icon-print" aria-hidden="true"></span>
		{{ 'In bài này' }}
	{% endif %}
{% else %}
{% endif %}
