<h3>Các bài khác...</h3>

<ol>
{% for item in link_items %}
	<li>
		<a href="{{ item.link }}">
			{{ item.title }}</a>
	</li>
{% endfor %}
</ol>
