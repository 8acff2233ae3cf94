<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="vi-vn" lang="vi-vn" dir="ltr">
<head>
{{ head }}
	<link rel="stylesheet" href="/templates/beez_20/css/general.css" type="text/css" />
</head>
<body class="contentpane">
	<div id="all">
	<div id="main">
	
<div id="system-message-container">
</div>
	<script type="text/javascript">
	Joomla.submitbutton = function(pressbutton) {
		var form = document.getElementById('mailtoForm');

		// do field validation
		if (form.mailto.value == "" || form.from.value == "") {
			alert('Vui lòng nhập đầy đủ địa chỉ email.');
			return false;
		}
		form.submit();
	}
</script>

<div id="mailto-window">
	<h2>
		Gửi liên kết này cho bạn bè.	</h2>
	<div class="mailto-close">
		<a href="javascript: void window.close()" title="Đóng cửa sổ">
		 <span>Đóng cửa sổ </span></a>
	</div>

	<form action="{{ host }}/index.php" id="mailtoForm" method="post">
		<div class="formelm">
			<label for="mailto_field">Gửi email tới</label>
			<input type="text" id="mailto_field" name="mailto" class="inputbox" size="25" value=""/>
		</div>
		<div class="formelm">
			<label for="sender_field">
			Người gửi</label>
			<input type="text" id="sender_field" name="sender" class="inputbox" value="" size="25" />
		</div>
		<div class="formelm">
			<label for="from_field">
			Email của bạn</label>
			<input type="text" id="from_field" name="from" class="inputbox" value="" size="25" />
		</div>
		<div class="formelm">
			<label for="subject_field">
			Tiêu đề</label>
			<input type="text" id="subject_field" name="subject" class="inputbox" value="" size="25" />
		</div>
		<p>
			<button class="button" onclick="return Joomla.submitbutton('send');">
				Gửi			</button>
			<button class="button" onclick="window.close();return false;">
				Hủy bỏ			</button>
		</p>
		<input type="hidden" name="layout" value="default" />
		<input type="hidden" name="option" value="com_mailto" />
		<input type="hidden" name="task" value="send" />
		<input type="hidden" name="tmpl" value="component" />
		<input type="hidden" name="link" value="" />
		<input type="hidden" name="{{ token }}" value="1" />
	</form>
</div>

	</div>
	</div>
</body>
</html>
