			<dd class="hits">
					<span class="icon-eye-open" aria-hidden="true"></span>
					<meta itemprop="interactionCount" content="UserPageVisits:{{ item.hits }}" />
					{{ 'Lượt xem: %s' % item.hits }}
			</dd>