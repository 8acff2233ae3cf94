<!DOCTYPE html>
<html lang="vi-vn" dir="ltr">
<head>
	{{= head }}
</head>
<body class="contentpane modal">
	<div id="system-message-container">
	</div>

	<div id="mailto-window">
	<h2>
		Gửi liên kết này cho bạn bè.	</h2>
	<div class="mailto-close">
		<a href="javascript: void window.close()" title="Đóng cửa sổ">
			<span>Đóng cửa sổ </span></a>
	</div>

	<form action="{{ host }}/index.php" id="mailtoForm" method="post" class="form-horizontal">
		<fieldset>
			<div class="control-group">
				<div class="control-label"><label id="jform_emailto-lbl" for="jform_emailto" class="required">Gửi email tới<span class="star">&#160;*</span></label></div>
				<div class="controls"><input type="email" name="jform[emailto]" class="validate-email required" id="jform_emailto" value="" size="30" required aria-required="true" /></div>
			</div>
			<div class="control-group">
				<div class="control-label"><label id="jform_sender-lbl" for="jform_sender" class="required">Người gửi<span class="star">&#160;*</span></label></div>
				<div class="controls"><input type="text" name="jform[sender]" id="jform_sender" value="" size="30" required aria-required="true" /></div>
			</div>
		</fieldset>
		<p>
			<button type="submit" class="btn btn-primary">Gửi</button>
			<button type="button" class="btn" onclick="window.close();return false;">Hủy bỏ</button>
		</p>
		<input type="hidden" name="layout" value="default" />
		<input type="hidden" name="option" value="com_mailto" />
		<input type="hidden" name="task" value="send" />
		<input type="hidden" name="tmpl" value="component" />
		<input type="hidden" name="link" value="" />
		<input type="hidden" name="{{ token }}" value="1" />
	</form>
</div>

</body>
</html>
