<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="vi-vn" lang="vi-vn" dir="ltr">
<head>
	<meta http-equiv="content-type" content="text/html; charset=utf-8" />
	<title>{{ code }} - {{ esc_q(message) }}</title>
	<link rel="stylesheet" href="/templates/system/css/error.css" type="text/css" />
	{% if False %}
	<link rel="stylesheet" href="/templates/system/css/error_rtl.css" type="text/css" />
	{% endif %}
</head>
<body>
	<div class="error">
		<div id="outline">
		<div id="errorboxoutline">
			<div id="errorboxheader">{{ code }} - {{ esc_q(message) }}</div>
			<div id="errorboxbody">
			<p><strong>Bạn không thể xem trang này bởi vì:</strong></p>
			<ol>
				<li>Một <strong>mục Đánh dấu/Ưa thích hết hạng</strong></li>
				<li>Chương trình tìm kiếm được một <strong>danh sách quá hạn của trang này</strong></li>
				<li>Một <strong>địa chỉ sai</strong></li>
				<li>Bạn <strong>không có quyền truy cập</strong> trang web này</li>
				<li>Thông tin yêu cầu không được tìm thấy.</li>
				<li>Đã xảy ra lỗi trong lúc xử lý yêu cầu.</li>
			</ol>
			<p><strong>Vui lòng thử một trong các trang sau:</strong></p>
			<ul>
				<li><a href="/index.php" title="Chuyển đến Trang chủ">Trang chủ</a></li>
			</ul>
			<p>Nếu khó khăn vẫn còn, xin vui lòng liên hệ với Ban quản trị của trang web này và báo cáo các lỗi dưới đây..</p>
			<div id="techinfo">
			<p>{{ esc_q(message) }}</p>
			<p>
				{% if False %}{% endif %}
			</p>
			</div>
			</div>
		</div>
		</div>
	</div>
</body>
</html>
