<div id="system-message-container">
	{% if False %}
	{% endif %}
</div>
