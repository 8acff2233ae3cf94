

<div class="custom{{ sfx }}" {% if False %} style="background-image:url()"{% endif %} >
	{{ content }}
</div>
