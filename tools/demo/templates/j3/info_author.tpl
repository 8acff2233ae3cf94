<dd class="createdby" itemprop="author" itemscope itemtype="https://schema.org/Person">
	{# author #}
	{% set author = '<span itemprop="name">' + item.author + '</span>' %}
	{% if False %}
	{% else %}
		{{ 'Viết bởi %s' % author }}
	{% endif %}
</dd>
