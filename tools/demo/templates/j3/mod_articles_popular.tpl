<ul class="mostread{{ sfx }} mod-list">
{% for item in items %}
	<li itemscope itemtype="https://schema.org/Article">
		<a href="{{ item.link }}" itemprop="url">
			<span itemprop="name">
				{{ item.title }}
			</span>
		</a>
	</li>
{% endfor %}
</ul>
