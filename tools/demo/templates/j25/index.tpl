<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="vi-vn" lang="vi-vn" dir="ltr" >
<head>
{{= head }}

<!--[if lte IE 6]>
<link href="/templates/beez_20/css/ieonly.css" rel="stylesheet" type="text/css" />
{% if color == "personal" %}
<style type="text/css">
#line {
	width:98% ;
}
.logoheader {
	height:200px;
}
#header ul.menu {
	display:block !important;
	width:98.2% ;
}
</style>
{% endif %}
<![endif]-->

<!--[if IE 7]>
<link href="/templates/beez_20/css/ie7only.css" rel="stylesheet" type="text/css" />
<![endif]-->

<script type="text/javascript">
	var big ='72%';
	var small='53%';
	var altopen='đang mở';
	var altclose='đang đóng';
	var bildauf='/templates/beez_20/images/plus.png';
	var bildzu='/templates/beez_20/images/minus.png';
	var rightopen='Mở thông tin';
	var rightclose='Đóng thông tin';
	var fontSizeTitle='Cỡ chữ';
	var bigger='Lớn hơn';
	var reset='Đặt lại';
	var smaller='Nhỏ hơn';
	var biggerTitle='Tăng cỡ chữ';
	var resetTitle='Trở về mặc định';
	var smallerTitle='Giảm cỡ chữ';
</script>

</head>

<body>

<div id="all">
        <div id="back">
                <div id="header">
                                <div class="logoheader">
                                        <h1 id="logo">

                                        {% if logo %}
                                        <img src="/{{ esc(logo) }}"  alt="{{ esc(sitetitle) }}" />
                                        {% endif %}
                                        {% if not logo %}
                                        {{ esc(sitetitle) }}
                                        {% endif %}
                                        <span class="header1">
                                        {{ esc(sitedescription) }}
                                        </span></h1>
                                </div><!-- end logoheader -->
                                        <ul class="skiplinks">
                                                <li><a href="#main" class="u2">Chuyển đến nội dung</a></li>
                                                <li><a href="#nav" class="u2">Chuyển đến menu chính và đăng nhập</a></li>
                                            {% if True %}
                                            <li><a href="#additional" class="u2">Chuyển đến thông tin thêm</a></li>
                                           {% endif %}
                                        </ul>
                                        <h2 class="unseen">Xem, điều hướng và tìm kiếm</h2>
                                        <h3 class="unseen">Điều hướng</h3>
                                        {{= positions['position-1'] }}
                                        <div id="line">
                                        <div id="fontsize"></div>
                                        <h3 class="unseen">Tìm kiếm</h3>
                                        {{= positions['position-0'] }}
                                        </div> <!-- end line -->


                        </div><!-- end header -->
                        <div id="{{ 'contentarea2' }}">
                                        <div id="breadcrumbs">

                                                        {{= positions['position-2'] }}

                                        </div>

                                        {% if True %}


                                                        <div class="left1 {{ '' }}" id="nav">
                                                   {{= positions['position-7'] }}
                                                                {{= positions['position-4'] }}
                                                                {{= positions['position-5'] }}


                                                        </div><!-- end navi -->
               {% endif %}

                                        <div id="{{ 'wrapper' }}" {{ '' }}>

                                                <div id="main">

                                                {% if positions['position-12'] %}
                                                        <div id="top">{{= positions['position-12'] }}
                                                        </div>
                                                {% endif %}

                                                        {{= message }}
                                                        {{= component }}

                                                </div><!-- end main -->

                                        </div><!-- end wrapper -->

                                {% if True %}
                                        <h2 class="unseen">
                                                Thông tin thêm
                                        </h2>
                                        <div id="close">
                                                <a href="#" onclick="auf('right')">
                                                        <span id="bild">
                                                                Đóng thông tin</span></a>
                                        </div>


                                        <div id="right">
                                                <a id="additional"></a>
                                                {{= positions['position-6'] }}
                                                {{= positions['position-8'] }}
                                                {{= positions['position-3'] }}
                                        </div><!-- end right -->
                                        {% endif %}

                        {% if False %}
                   {% endif %}

                                <div class="wrap"></div>

                                </div> <!-- end contentarea -->

                        </div><!-- back -->

                </div><!-- all -->

                <div id="footer-outer">
                        {% if False %}
                                {% endif %}

                        <div id="footer-sub">


                                <div id="footer">

                                        {{= positions['position-14'] }}
                                        <p>
                                                Được hỗ trợ bởi <a href="http://www.joomla.org/">Joomla!&#174;</a>
                                        </p>


                                </div><!-- end footer -->

                        </div>

                </div>
				{{= positions['debug'] }}
        </body>
</html>
