<!DOCTYPE html>
<html lang="vi-vn" dir="ltr">
<head>
	<meta name="viewport" content="width=device-width, initial-scale=1.0" />
	{{= head }}
</head>
<body class="site {{ option
	+ ' view-' + view
	+ (' layout-' + layout if layout else ' no-layout')
	+ (' task-' + task if task else ' no-task')
	+ (' itemid-%s' % itemid if itemid else '') }}">
	<!-- Body -->
	<div class="body" id="top">
		<div class="container">
			<!-- Header -->
			<header class="header" role="banner">
				<div class="header-inner clearfix">
					<a class="brand pull-left" href="/">
						{{ logo }}
						{% if sitedescription %}
							{{ '<div class="site-description">' + esc(sitedescription) + '</div>' }}
						{% endif %}
					</a>
					<div class="header-search pull-right">
						{{= positions['position-0'] }}
					</div>
				</div>
			</header>
			{% if positions['position-1'] %}
				<nav class="navigation" role="navigation">
					<div class="navbar pull-left">
						<a class="btn btn-navbar collapsed" data-toggle="collapse" data-target=".nav-collapse">
							<span class="element-invisible">Bật/tắt menu</span>
							<span class="icon-bar"></span>
							<span class="icon-bar"></span>
							<span class="icon-bar"></span>
						</a>
					</div>
					<div class="nav-collapse">
						{{= positions['position-1'] }}
					</div>
				</nav>
			{% endif %}
			{{= positions['banner'] }}
			<div class="row-fluid">
				{% if positions['position-8'] %}
					<!-- Begin Sidebar -->
					<div id="sidebar" class="span3">
						<div class="sidebar-nav">
							{{= positions['position-8'] }}
						</div>
					</div>
					<!-- End Sidebar -->
				{% endif %}
				<main id="content" role="main" class="{{ span }}">
					<!-- Begin Content -->
					{{= positions['position-3'] }}
					{{= message }}
					{{= component }}
					<div class="clearfix"></div>
					{{= positions['position-2'] }}
					<!-- End Content -->
				</main>
				{% if positions['position-7'] %}
					<div id="aside" class="span3">
						<!-- Begin Right Sidebar -->
						{{= positions['position-7'] }}
						<!-- End Right Sidebar -->
					</div>
				{% endif %}
			</div>
		</div>
	</div>
	<!-- Footer -->
	<footer class="footer" role="contentinfo">
		<div class="container">
			<hr />
			{{= positions['footer'] }}
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
	{{= positions['debug'] }}
</body>
</html>
