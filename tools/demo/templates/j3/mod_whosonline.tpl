
{% if True %}
	{# guest #}
	{# member #}
	<p>{{ text }}</p>
{% endif %}

{% if False %}
{% endif %}