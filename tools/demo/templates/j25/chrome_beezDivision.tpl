{% if content %}
<div class="moduletable{{ esc(sfx) }}">
{% if showtitle %} <h{{ level }}><span
	class="backh"><span class="backh2"><span class="backh3">{{ title }}</span></span></span></h{{ level }}>
{% endif %} {{ content }}</div>
{% endif %}