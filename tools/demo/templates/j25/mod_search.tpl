<form action="{{ action }}" method="post">
	<div class="search{{ sfx }}">
		{{ '<label for="mod-search-searchword">%s</label><input name="searchword" id="mod-search-searchword" maxlength="20"  class="inputbox%s" type="text" size="20" value="%s"  onblur="if (this.value==\'\') this.value=\'%s\';" onfocus="if (this.value==\'%s\') this.value=\'\';" />' % (label, sfx, text, text, text) }}
	<input type="hidden" name="task" value="search" />
	<input type="hidden" name="option" value="com_search" />
	<input type="hidden" name="Itemid" value="{{ itemid }}" />
	</div>
</form>
