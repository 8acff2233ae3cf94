<div class="search{{ sfx }}">
	<form action="{{ action }}" method="post" class="form-inline" role="search">
		{{ '<label for="mod-search-searchword%s" class="element-invisible">%s</label> <input name="searchword" id="mod-search-searchword%s" maxlength="200"  class="inputbox search-query input-medium" type="search" placeholder="%s" />' % (module_id, label, module_id, text) }}
		<input type="hidden" name="task" value="search" />
		<input type="hidden" name="option" value="com_search" />
		<input type="hidden" name="Itemid" value="{{ itemid }}" />
	</form>
</div>
