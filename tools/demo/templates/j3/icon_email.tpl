{% if True %}
	{% if False %}
	{% else %}
		<span class="icon-envelope" aria-hidden="true"></span>
		{{ 'Gửi Email bài này' }}
	{% endif %}
{% else %}
{% endif %}
