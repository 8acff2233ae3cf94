<div class="pull-right article-index">

	{% if headingtext %}
	<h3>{{ headingtext }}</h3>
	{% endif %}

	<ul class="nav nav-tabs nav-stacked">
	{% for entry in entries %}
		{% set klass = ' class="' + entry.li_class + '"' if entry.li_class else '' %}
		<li{{ klass }}>
			<a href="{{ entry.link }}" class="{{ entry.klass }}">
				{{ entry.title }}
			</a>
		</li>
	{% endfor %}
	</ul>
</div>
