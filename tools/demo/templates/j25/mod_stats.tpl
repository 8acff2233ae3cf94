<dl class="stats-module{{ sfx }}">
{% for title, data in rows %}
	<dt>{{ title }}</dt>
	<dd>{{ data }}</dd>
{% endfor %}
</dl>
