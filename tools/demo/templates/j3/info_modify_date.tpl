			<dd class="modified">
				<span class="icon-calendar" aria-hidden="true"></span>
				<time datetime="{{ date_iso(item.modified) }}" itemprop="dateModified">
					{{ 'Cập nhật lần cuối: %s' % date_lc3(item.modified) }}
				</time>
			</dd>