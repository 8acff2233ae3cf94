			<dd class="create">
					<span class="icon-calendar" aria-hidden="true"></span>
					<time datetime="{{ date_iso(item.created) }}" itemprop="dateCreated">
						{{ 'Được viết: %s' % date_lc3(item.created) }}
					</time>
			</dd>