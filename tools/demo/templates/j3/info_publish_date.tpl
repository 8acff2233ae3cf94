			<dd class="published">
				<span class="icon-calendar" aria-hidden="true"></span>
				<time datetime="{{ date_iso(item.publish_up) }}" itemprop="datePublished">
					{{ 'Được đăng: %s' % date_lc3(item.publish_up) }}
				</time>
			</dd>