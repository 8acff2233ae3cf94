<div aria-label="{{ esc_q(module_title) }}" role="navigation">
	<ul itemscope itemtype="https://schema.org/BreadcrumbList" class="breadcrumb{{ sfx }}">
		{% if True %}
			<li>
				{{ 'Bạn đang ở: ' }}&#160;
			</li>
		{% else %}
			<li class="active">
				<span class="divider icon-location"></span>
			</li>
		{% endif %}

		{% for key, entry in enumerate(trail) %}{% if key != len(trail) - 1 %}
				<li itemprop="itemListElement" itemscope itemtype="https://schema.org/ListItem">
					{% if entry[1] %}
						<a itemprop="item" href="{{ entry[1] }}" class="pathway"><span itemprop="name">{{ entry[0] }}</span></a>
					{% else %}
						<span itemprop="name">
							{{ entry[0] }}
						</span>
					{% endif %}

					{% if True %}
						<span class="divider">
							{{ separator }}
						</span>
					{% endif %}
					<meta itemprop="position" content="{{ key + 1 }}">
				</li>
			{% elif True %}
				<li itemprop="itemListElement" itemscope itemtype="https://schema.org/ListItem" class="active">
					<span itemprop="name">
						{{ entry[0] }}
					</span>
					<meta itemprop="position" content="{{ key + 1 }}">
				</li>
			{% endif %}{% endfor %}
	</ul>
</div>
