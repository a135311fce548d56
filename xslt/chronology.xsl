<?xml version="1.0" encoding="UTF-8"?>
<!--
  chronology.xsl : the chronology page (pe:page-path('chronology')): every dated mention in the
  sources (tei:date with @when, @from/@to, @notBefore/@notAfter) and every reference date of a
  claim reading, in order, grouped by year, each drawn on one scale (a dot, a bar for a period,
  a dashed bar for "between", an arrow for an open end) and said in words, each linked to its
  place in the source (or to the claim page). A chronology of more than $chronology-page-size
  items is split: chronology.html keeps the introduction and the years, each linked to the
  numbered page where it begins (pe:chronology-page-path: chronology/2.html). The other dates
  (of glosses, of references, outside the period) are listed on the overview behind a toggle,
  or, when there are more than fit on a page, split likewise (chronology/other-2.html).

  A large collection is done in parts (teipub/build.py): with $part = 'items', a transformation
  writes, as its principal output, the items of the sources in $sigla (a share of them) as data
  (<items><item …><c/><c/><c/></item>…</items>, pe:item-element); the one that writes the pages
  is then given those files ($items, their URIs) and reads no source. By default it does both.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:pe="https://purges-edition.example/ns"
  exclude-result-prefixes="#all">

  <xsl:import href="modules/layout.xsl"/>
  <xsl:import href="modules/apparatus.xsl"/>
  <xsl:import href="modules/chronology.xsl"/>

  <!-- words of context either side of a dated mention -->
  <xsl:param name="context-words" as="xs:integer" select="10"/>

  <!-- At most this many items on one page: a larger chronology is an overview page (the years,
       each linked to the page where it begins) and numbered pages of items in order. -->
  <xsl:param name="chronology-page-size" as="xs:string" select="'1000'"/>
  <xsl:variable name="pe:chrono-page-size" as="xs:integer" select="xs:integer($chronology-page-size)"/>

  <!-- 'items': write the items of the sources in $sigla, no page (see above) -->
  <xsl:param name="part" as="xs:string" select="''"/>
  <!-- the URIs of the files of items the parts wrote; '' to read the sources -->
  <xsl:param name="items" as="xs:string" select="''"/>

  <!-- the items of every dated mention in the sources in $sigla (reading order, then the order of
       each text) -->
  <xsl:function name="pe:source-items" as="map(xs:string, item())*">
    <xsl:sequence select="pe:sources()/tei:TEI/tei:text//tei:date[@when or @from or @to or @notBefore or @notAfter]
      ! pe:source-item(.)"/>
  </xsl:function>

  <!-- one dated mention as data: its extent and layer, and what its line shows (the date in words,
       the words round it, where it is) -->
  <xsl:function name="pe:source-item" as="map(xs:string, item())?">
    <xsl:param name="date" as="element(tei:date)"/>
    <xsl:variable name="e" as="map(xs:string, item())?" select="pe:date-extent($date)"/>
    <xsl:sequence select="if (empty($e)) then () else map:merge((pe:date-item($date, $e), map {
      'kind': 'source', 'layer': pe:chrono-layer($date, $e), 'context': array { pe:mention-context($date, $context-words) },
      'href': pe:node-path($date), 'siglum': pe:siglum($date) }))"/>
  </xsl:function>

  <!-- an item as an element, and back: the keys whose values are not strings are typed here -->
  <xsl:function name="pe:item-element" as="element(item)">
    <xsl:param name="item" as="map(xs:string, item())"/>
    <item>
      <xsl:for-each select="sort(map:keys($item)[. ne 'context'])">
        <xsl:attribute name="{.}" select="$item(.)"/>
      </xsl:for-each>
      <xsl:for-each select="$item?context?*"><c><xsl:value-of select="."/></c></xsl:for-each>
    </item>
  </xsl:function>

  <xsl:function name="pe:item-map" as="map(xs:string, item())">
    <xsl:param name="el" as="element(item)"/>
    <xsl:sequence select="map:merge((
      $el/@* ! map:entry(local-name(.),
        if (local-name(.) = 'year') then xs:integer(.)
        else if (local-name(.) = ('sort', 'start', 'end')) then xs:double(.)
        else if (local-name(.) = 'uncertain') then xs:boolean(.)
        else string(.)),
      map { 'context': array { $el/c ! string(.) } }))"/>
  </xsl:function>

  <xsl:template name="xsl:initial-template">
    <xsl:choose>
      <xsl:when test="$part = 'items'">
        <xsl:result-document method="xml" indent="no">
          <items><xsl:sequence select="pe:source-items() ! pe:item-element(.)"/></items>
        </xsl:result-document>
      </xsl:when>
      <xsl:otherwise><xsl:call-template name="pe:chronology"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="pe:chronology">
    <xsl:variable name="path" as="xs:string" select="pe:page-path('chronology')"/>
    <xsl:variable name="every" as="map(xs:string, item())*" select="pe:chronology-items(
      if ($items = '') then pe:source-items() else tokenize($items) ! doc(.)/items/item ! pe:item-map(.))"/>
    <!-- the period's items by default; the other dates (glosses, references, outside the period)
         on the overview, behind a toggle, or on pages of their own when they do not fit there -->
    <xsl:variable name="items" as="map(xs:string, item())*" select="$every[?layer = 'period']"/>
    <xsl:variable name="glosses" as="map(xs:string, item())*" select="$every[?layer ne 'period']"/>
    <xsl:variable name="scale" as="xs:double+" select="pe:chrono-scale($items)"/>
    <xsl:variable name="pages" as="xs:integer" select="pe:chrono-pages($items)"/>
    <xsl:call-template name="pe:chrono-page">
      <xsl:with-param name="path" select="$path"/>
      <xsl:with-param name="items" select="if ($pages le 1) then $items else ()"/>
      <xsl:with-param name="all" select="$items"/>
      <xsl:with-param name="scale" select="$scale"/>
      <xsl:with-param name="pages" select="$pages"/>
      <xsl:with-param name="glosses" select="$glosses"/>
    </xsl:call-template>
    <xsl:call-template name="pe:chrono-numbered-pages">
      <xsl:with-param name="items" select="$items"/>
      <xsl:with-param name="scale" select="$scale"/>
    </xsl:call-template>
    <xsl:call-template name="pe:chrono-numbered-pages">
      <xsl:with-param name="items" select="$glosses"/>
      <xsl:with-param name="scale" select="if (exists($glosses)) then pe:chrono-scale($glosses) else $scale"/>
      <xsl:with-param name="other" select="true()"/>
    </xsl:call-template>
  </xsl:template>

  <!-- how many pages $items fill (0 or 1: they fit on the overview) -->
  <xsl:function name="pe:chrono-pages" as="xs:integer">
    <xsl:param name="items" as="map(xs:string, item())*"/>
    <xsl:sequence select="xs:integer(ceiling(count($items) div $pe:chrono-page-size))"/>
  </xsl:function>

  <!-- page $n of the period's items, or ($other) of the other dates -->
  <xsl:function name="pe:chrono-path" as="xs:string">
    <xsl:param name="other" as="xs:boolean"/>
    <xsl:param name="n" as="xs:integer"/>
    <xsl:sequence select="if ($other) then pe:chronology-other-path($n) else pe:chronology-page-path($n)"/>
  </xsl:function>

  <!-- the numbered pages of $items, when there is more than one -->
  <xsl:template name="pe:chrono-numbered-pages">
    <xsl:param name="items" as="map(xs:string, item())*"/>
    <xsl:param name="scale" as="xs:double+"/>
    <xsl:param name="other" as="xs:boolean" select="false()"/>
    <xsl:variable name="pages" as="xs:integer" select="pe:chrono-pages($items)"/>
    <xsl:if test="$pages gt 1">
      <xsl:for-each select="1 to $pages">
        <xsl:call-template name="pe:chrono-page">
          <xsl:with-param name="path" select="pe:chrono-path($other, .)"/>
          <xsl:with-param name="items" select="subsequence($items, (. - 1) * $pe:chrono-page-size + 1, $pe:chrono-page-size)"/>
          <xsl:with-param name="all" select="$items"/>
          <xsl:with-param name="scale" select="$scale"/>
          <xsl:with-param name="pages" select="$pages"/>
          <xsl:with-param name="number" select="."/>
          <xsl:with-param name="other" select="$other"/>
        </xsl:call-template>
      </xsl:for-each>
    </xsl:if>
  </xsl:template>

  <!-- the page of chronology items at $path: the overview when $number is 0 (with every item when
       they fit on one page), else page $number of $pages, of the period's items or ($other) of
       the other dates -->
  <xsl:template name="pe:chrono-page">
    <xsl:param name="path" as="xs:string"/>
    <xsl:param name="items" as="map(xs:string, item())*"/>
    <xsl:param name="all" as="map(xs:string, item())*"/>
    <xsl:param name="scale" as="xs:double+"/>
    <xsl:param name="pages" as="xs:integer"/>
    <xsl:param name="number" as="xs:integer" select="0"/>
    <xsl:param name="glosses" as="map(xs:string, item())*" select="()"/>
    <xsl:param name="other" as="xs:boolean" select="false()"/>
    <xsl:variable name="root" as="xs:string" select="pe:root-of($path)"/>
    <xsl:variable name="min" as="xs:double" select="$scale[1]"/>
    <xsl:variable name="max" as="xs:double" select="$scale[2]"/>
    <xsl:variable name="which" as="xs:string" select="if ($other) then 'chronology-other-page' else 'chronology-page'"/>
    <xsl:result-document href="{$path}" format="pe:html">
      <xsl:call-template name="pe:page">
        <xsl:with-param name="path" select="$path"/>
        <xsl:with-param name="title" select="pe:label('chronology-title')
          || (if ($number gt 0) then ' (' || pe:label($which, (string($number), string($pages))) || ')' else '')"/>
        <xsl:with-param name="current" select="'chronology'"/>
        <xsl:with-param name="head" as="element()*">
          <link rel="stylesheet" href="{$root}assets/claims.css"/>
        </xsl:with-param>
        <xsl:with-param name="body-class" select="'chronology'"/>
        <xsl:with-param name="content" as="node()*">
          <h1><xsl:value-of select="pe:label('chronology-title')"/></h1>
          <xsl:choose>
            <xsl:when test="$number = 0">
              <p><xsl:value-of select="pe:label('chronology-intro')"/></p>
              <p><xsl:value-of select="pe:label('chronology-count', string(count($all)))"/>
                <xsl:text> </xsl:text>
                <xsl:value-of select="pe:label('chrono-scale', (string($min), string($max - 1)))"/></p>
            </xsl:when>
            <xsl:otherwise>
              <p><a href="{$root || pe:page-path('chronology')}{if ($other) then '#glosses' else ''}"><xsl:value-of select="pe:label('chronology-title')"/></a>
                <xsl:text>: </xsl:text><xsl:value-of select="pe:label($which, (string($number), string($pages)))"/></p>
              <xsl:if test="$other">
                <xsl:call-template name="pe:chrono-other-intro">
                  <xsl:with-param name="scale" select="$scale"/>
                </xsl:call-template>
              </xsl:if>
            </xsl:otherwise>
          </xsl:choose>
          <xsl:call-template name="pe:chrono-year-links">
            <xsl:with-param name="items" select="$items"/>
            <xsl:with-param name="all" select="$all"/>
            <xsl:with-param name="number" select="$number"/>
            <xsl:with-param name="other" select="$other"/>
            <xsl:with-param name="root" select="$root"/>
          </xsl:call-template>
          <xsl:call-template name="pe:chrono-pager">
            <xsl:with-param name="pages" select="$pages"/>
            <xsl:with-param name="number" select="$number"/>
            <xsl:with-param name="other" select="$other"/>
            <xsl:with-param name="root" select="$root"/>
          </xsl:call-template>
          <xsl:call-template name="pe:chrono-years">
            <xsl:with-param name="items" select="$items"/>
            <xsl:with-param name="min" select="$min"/>
            <xsl:with-param name="max" select="$max"/>
            <xsl:with-param name="root" select="$root"/>
            <xsl:with-param name="prefix" select="if ($other) then 'g' else 'y'"/>
          </xsl:call-template>
          <!-- the other dates: on demand, with their own scale (no script needed); listed here
               when they fit on one page, else the years and pages where they are -->
          <xsl:if test="$number = 0 and exists($glosses)">
            <xsl:variable name="gscale" as="xs:double+" select="pe:chrono-scale($glosses)"/>
            <xsl:variable name="gpages" as="xs:integer" select="pe:chrono-pages($glosses)"/>
            <xsl:variable name="shown" as="map(xs:string, item())*" select="if ($gpages le 1) then $glosses else ()"/>
            <details class="pe-chrono-glosses" id="glosses">
              <summary><xsl:value-of select="pe:label('chrono-glosses', string(count($glosses)))"/></summary>
              <xsl:call-template name="pe:chrono-other-intro">
                <xsl:with-param name="scale" select="$gscale"/>
              </xsl:call-template>
              <xsl:if test="$gpages gt 1">
                <xsl:call-template name="pe:chrono-year-links">
                  <xsl:with-param name="items" select="()"/>
                  <xsl:with-param name="all" select="$glosses"/>
                  <xsl:with-param name="number" select="0"/>
                  <xsl:with-param name="other" select="true()"/>
                  <xsl:with-param name="root" select="$root"/>
                </xsl:call-template>
                <xsl:call-template name="pe:chrono-pager">
                  <xsl:with-param name="pages" select="$gpages"/>
                  <xsl:with-param name="number" select="0"/>
                  <xsl:with-param name="other" select="true()"/>
                  <xsl:with-param name="root" select="$root"/>
                </xsl:call-template>
              </xsl:if>
              <xsl:call-template name="pe:chrono-years">
                <xsl:with-param name="items" select="$shown"/>
                <xsl:with-param name="min" select="$gscale[1]"/>
                <xsl:with-param name="max" select="$gscale[2]"/>
                <xsl:with-param name="root" select="$root"/>
                <xsl:with-param name="prefix" select="'g'"/>
                <xsl:with-param name="level" select="'h3'"/>
              </xsl:call-template>
            </details>
          </xsl:if>
        </xsl:with-param>
      </xsl:call-template>
    </xsl:result-document>
  </xsl:template>

  <!-- what the other dates are, and their scale -->
  <xsl:template name="pe:chrono-other-intro">
    <xsl:param name="scale" as="xs:double+"/>
    <p><xsl:value-of select="pe:label('chrono-glosses-intro')"/>
      <xsl:text> </xsl:text>
      <xsl:value-of select="pe:label('chrono-scale', (string($scale[1]), string($scale[2] - 1)))"/></p>
  </xsl:template>

  <!-- the years: of the $items on this page, or (on an overview, $items empty) of $all, each
       linked to the page where it begins -->
  <xsl:template name="pe:chrono-year-links">
    <xsl:param name="items" as="map(xs:string, item())*"/>
    <xsl:param name="all" as="map(xs:string, item())*"/>
    <xsl:param name="number" as="xs:integer"/>
    <xsl:param name="other" as="xs:boolean"/>
    <xsl:param name="root" as="xs:string"/>
    <xsl:variable name="years" as="xs:integer*" select="(if (exists($items)) then $items else $all) ! ?year"/>
    <xsl:variable name="prefix" as="xs:string" select="if ($other) then 'g' else 'y'"/>
    <nav class="pe-letters" aria-label="{pe:label(if ($other) then 'chronology-other-years' else 'chronology-years')}">
      <ul>
        <xsl:for-each select="distinct-values($years)">
          <xsl:variable name="year" as="xs:integer" select="."/>
          <xsl:variable name="page" as="xs:integer" select="if (exists($items)) then $number
            else xs:integer(ceiling(index-of($years, $year)[1] div $pe:chrono-page-size))"/>
          <li><a href="{if (exists($items)) then '' else $root || pe:chrono-path($other, $page)}#{$prefix}{$year}"><xsl:value-of select="$year"/></a></li>
        </xsl:for-each>
      </ul>
    </nav>
  </xsl:template>

  <!-- links to the numbered pages, when there is more than one -->
  <xsl:template name="pe:chrono-pager">
    <xsl:param name="pages" as="xs:integer"/>
    <xsl:param name="number" as="xs:integer"/>
    <xsl:param name="other" as="xs:boolean"/>
    <xsl:param name="root" as="xs:string"/>
    <xsl:if test="$pages gt 1">
      <nav class="pe-pager" aria-label="{pe:label(if ($other) then 'chronology-other-pages' else 'chronology-pages')}">
        <ul>
          <xsl:for-each select="1 to $pages">
            <li><xsl:choose>
              <xsl:when test=". = $number"><span aria-current="page"><xsl:value-of select="."/></span></xsl:when>
              <xsl:otherwise><a href="{$root || pe:chrono-path($other, .)}"><xsl:value-of select="."/></a></xsl:otherwise>
            </xsl:choose></li>
          </xsl:for-each>
        </ul>
      </nav>
    </xsl:if>
  </xsl:template>

  <!-- items grouped by year, one section per year (id {prefix}{year}) -->
  <xsl:template name="pe:chrono-years">
    <xsl:param name="items" as="map(xs:string, item())*"/>
    <xsl:param name="min" as="xs:double"/>
    <xsl:param name="max" as="xs:double"/>
    <xsl:param name="root" as="xs:string"/>
    <xsl:param name="prefix" as="xs:string" select="'y'"/>
    <xsl:param name="level" as="xs:string" select="'h2'"/>
    <xsl:for-each-group select="$items" group-by="?year">
      <section aria-labelledby="{$prefix}{current-grouping-key()}" class="pe-chrono-year">
        <xsl:element name="{$level}">
          <xsl:attribute name="id" select="$prefix || current-grouping-key()"/>
          <xsl:value-of select="current-grouping-key()"/>
        </xsl:element>
        <ol class="pe-chrono-list">
          <xsl:for-each select="current-group()">
            <xsl:call-template name="pe:chrono-item">
              <xsl:with-param name="item" select="."/>
              <xsl:with-param name="min" select="$min"/>
              <xsl:with-param name="max" select="$max"/>
              <xsl:with-param name="root" select="$root"/>
            </xsl:call-template>
          </xsl:for-each>
        </ol>
      </section>
    </xsl:for-each-group>
  </xsl:template>

  <xsl:template match="/" priority="-1">
    <xsl:call-template name="xsl:initial-template"/>
  </xsl:template>

  <!-- one dated item: the strip, the date in words, what it dates, where -->
  <xsl:template name="pe:chrono-item">
    <xsl:param name="item" as="map(xs:string, item())"/>
    <xsl:param name="min" as="xs:double"/>
    <xsl:param name="max" as="xs:double"/>
    <xsl:param name="root" as="xs:string"/>
    <li class="pe-chrono-item{if ($item?uncertain) then ' pe-chrono-uncertain' else ''}" data-shape="{$item?shape}" data-kind="{$item?kind}"
      data-layer="{$item?layer}" data-start="{$item?start}" data-end="{$item?end}">
      <xsl:call-template name="pe:chrono-bar">
        <xsl:with-param name="extent" select="$item"/>
        <xsl:with-param name="min" select="$min"/>
        <xsl:with-param name="max" select="$max"/>
      </xsl:call-template>
      <span class="pe-chrono-body">
      <span class="pe-chrono-date"><xsl:value-of select="$item?label"/></span>
      <xsl:text> </xsl:text>
      <span class="pe-chrono-shape">(<xsl:value-of select="string-join((pe:label('chrono-' || $item?shape),
        if ($item?uncertain) then pe:label('chrono-uncertain') else (),
        if (pe:chrono-off-scale($item, $min, $max)) then pe:label('chrono-off-scale') else ()), '; ')"/>)</span>
      <xsl:text> </xsl:text>
      <xsl:choose>
        <xsl:when test="$item?kind = 'claim'">
          <xsl:variable name="app" as="element(tei:app)" select="$item?node/ancestor::tei:app"/>
          <span class="pe-chrono-what">
            <xsl:value-of select="pe:label('chrono-claim') || ': '"/>
            <a href="{$root || pe:claim-path($app/@xml:id)}"><xsl:value-of select="pe:claim-question($app)"/></a>
            <xsl:text> </xsl:text>
            <xsl:for-each select="$item?nodes?* ! parent::tei:rdg">
              <xsl:if test="position() gt 1"><xsl:text>; </xsl:text></xsl:if>
              <xsl:choose>
                <xsl:when test="parent::tei:rdgGrp/@type = 'scholarship'"><xsl:sequence select="pe:reading-cite-link(., $root)"/></xsl:when>
                <xsl:otherwise><xsl:value-of select="pe:source-short(pe:reading-siglum(.))"/></xsl:otherwise>
              </xsl:choose>
              <xsl:value-of select="': ' || pe:reading-summary(.)"/>
            </xsl:for-each>
          </span>
        </xsl:when>
        <xsl:otherwise>
          <xsl:variable name="c" as="xs:string+" select="$item?context?*"/>
          <!-- the source's words, found on its reading page: not indexed again here -->
          <span class="pe-context" data-pagefind-ignore=""><xsl:value-of select="$c[1]"/><mark><xsl:value-of select="$c[2]"/></mark><xsl:value-of select="$c[3]"/></span>
          <xsl:if test="$item?layer ne 'period'">
            <xsl:text> </xsl:text>
            <span class="pe-artefact-flag">(<xsl:value-of select="pe:label('chrono-layer-' || $item?layer)"/>)</span>
          </xsl:if>
          <xsl:text> </xsl:text>
          <a class="pe-context-link" href="{$root || $item?href}">
            <xsl:value-of select="pe:source-short($item?siglum)"/>
          </a>
        </xsl:otherwise>
      </xsl:choose>
      </span>
    </li>
  </xsl:template>
</xsl:stylesheet>
