
<ol class="nav nav-tabs nav-stacked">
	{% for item in link_items %}
		<li>
			<a href="{{ item.link }}">
				{{ item.title }}</a>
		</li>
	{% endfor %}
</ol>
