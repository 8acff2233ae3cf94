<!DOCTYPE html>
<html lang="vi-vn" dir="ltr">
<head>
	<meta charset="utf-8" />
	<title>{{ title }} {{ esc_q(message) }}</title>
	<meta name="viewport" content="width=device-width, initial-scale=1.0">
	{# Use of Google Font #}
	{% if False %}
	{% endif %}
	<link href="/templates/protostar/css/template.css" rel="stylesheet" />
	{% if False %}
	{% endif %}
	{# If Right-to-Left #}
	{% if False %}
	{% endif %}
	{% if False %}
	{% endif %}
	<link href="/templates/protostar/favicon.ico" rel="shortcut icon" type="image/vnd.microsoft.icon" />
	{# Template color #}
	{% if False %}
	{% endif %}
	<!--[if lt IE 9]><script src="/media/jui/js/html5.js"></script><![endif]-->
</head>
<body class="site {{ body_class }}">
	<!-- Body -->
	<div class="body" id="top">
		<div class="container">
			<!-- Header -->
			<header class="header" role="banner">
				<div class="header-inner clearfix">
					<a class="brand pull-left" href="/">
						{{ logo }}
					</a>
					{% if True %}
						<div class="header-search pull-right">
							{# Display position-0 modules #}
							{{ positions['position-0'] }}
						</div>
					{% endif %}
				</div>
			</header>
			{% if True %}
				<nav class="navigation" role="navigation">
					{# Display position-1 modules #}
					{{ positions['position-1'] }}
				</nav>
			{% endif %}
			<!-- Banner -->
			{% if True %}
				<div class="banner">
					{{ positions['banner'] }}
				</div>
			{% endif %}
			<div class="row-fluid">
				<main id="content" role="main" class="span12">
					<!-- Begin Content -->
					<h1 class="page-header">{{ 'Trang yêu cầu không được tìm thấy.' }}</h1>
					<div class="well">
						<div class="row-fluid">
							<div class="span6">
								<p><strong>{{ 'Đã xảy ra lỗi trong lúc xử lý yêu cầu.' }}</strong></p>
								<p>{{ 'Bạn không thể xem trang này bởi vì:' }}</p>
								<ul>
									<li>{{ 'Một <strong>mục Đánh dấu/Ưa thích hết hạng</strong>' }}</li>
									<li>{{ 'Một <strong>địa chỉ sai</strong>' }}</li>
									<li>{{ 'Chương trình tìm kiếm được một <strong>danh sách quá hạn của trang này</strong>' }}</li>
									<li>{{ 'Bạn <strong>không có quyền truy cập</strong> trang web này' }}</li>
								</ul>
							</div>
							<div class="span6">
								{% if True %}
									<p><strong>{{ 'Bạn có thể tìm kiếm các trang web hoặc truy cập vào Trang chủ.' }}</strong></p>
									<p>{{ 'Tìm trong trang này' }}</p>
									{# module #}
									{{ search_module }}
								{% endif %}
								<p>{{ 'Chuyển đến Trang chủ' }}</p>
								<p><a href="/index.php" class="btn"><span class="icon-home" aria-hidden="true"></span> {{ 'Trang chủ' }}</a></p>
							</div>
						</div>
						<hr />
						<p>{{ 'Nếu khó khăn vẫn còn, xin vui lòng liên hệ với Ban quản trị của trang web này và báo cáo các lỗi dưới đây.' }}</p>
						<blockquote>
							<span class="label label-inverse">{{ code }}</span> {{ esc_q(message) }}
							{% if False %}
							{% endif %}
						</blockquote>
						{% if False %}
						{% endif %}
					</div>
					<!-- End Content -->
				</main>
			</div>
		</div>
	</div>
	<!-- Footer -->
	<footer class="footer" role="contentinfo">
		<div class="container">
			<hr />
			{% if True %}
				{{ positions['footer'] }}
			{% endif %}
			<p class="pull-right">
				<a href="#top" id="back-top">
					{{ 'Lên đầu trang' }}
				</a>
			</p>
			<p>
				&copy; {{ year }} {{ sitename }}
			</p>
		</div>
	</footer>
	{% if True %}
		{{ positions['debug'] }}
	{% endif %}
</body>
</html>
