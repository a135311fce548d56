<?xml version="1.0" encoding="UTF-8"?>
<!--
  chart.xsl : the chart of a quantitative claim, drawn at build time as SVG.

  One horizontal axis (from 0 to a rounded maximum, with ticks and labels); one row per
  reading: a source's figure is a point (a circle), scholarship's range a bar (an open-ended
  bar with an arrow for "at least" / "at most") and its single figure a diamond. Percentages and counts cannot
  share an axis: the chart draws the unit most readings use (pe:chart-unit) and the text
  alternative (a table that follows the chart) lists every reading, saying which are not on
  the axis. Fractions are drawn as percentages (0.6667 -> 66.67%).

  MEANING (functions)
  * pe:num-unit($num)           'percent' (percent, fraction) | 'count' | the num's @type
  * pe:chart-unit($app)         the unit the chart draws
  * pe:chart-readings($app)     the readings that carry a normalised number
  * pe:num-low/-high/-point($num) the bounds and value on the chart's scale, () where not given
  * pe:nice-max($max)           the axis maximum: $max rounded up to a 1-2-5 step
  RENDERING
  * mode pe:chart, applied to a tei:app of kind quantity: a <div> holding a <figure> (the SVG
    and its caption) and the table. Tunnel parameter $chart-id (default 'chart') prefixes the ids.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:math="http://www.w3.org/2005/xpath-functions/math"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:pe="https://purges-edition.example/ns"
  exclude-result-prefixes="#all">

  <xsl:import href="apparatus.xsl"/>

  <!-- The chart of one quantitative claim (applied to tei:app). -->
  <xsl:mode name="pe:chart" on-no-match="shallow-skip"/>

  <!-- geometry (SVG user units) -->
  <xsl:variable name="pe:chart-width" as="xs:double" select="720"/>
  <xsl:variable name="pe:chart-left" as="xs:double" select="240"/>
  <xsl:variable name="pe:chart-right" as="xs:double" select="30"/>
  <xsl:variable name="pe:chart-row" as="xs:double" select="30"/>
  <xsl:variable name="pe:chart-top" as="xs:double" select="10"/>
  <xsl:variable name="pe:chart-axis" as="xs:double" select="48"/>

  <!-- ===================================================================== meaning -->

  <xsl:function name="pe:num-unit" as="xs:string">
    <xsl:param name="num" as="element(tei:num)"/>
    <xsl:sequence select="if ($num/@type = ('percent', 'fraction')) then 'percent' else string($num/@type)"/>
  </xsl:function>

  <xsl:function name="pe:chart-readings" as="element(tei:rdg)*">
    <xsl:param name="app" as="element(tei:app)"/>
    <xsl:sequence select="(pe:source-readings($app), pe:scholarship-readings($app))[pe:reading-value(.)]"/>
  </xsl:function>

  <!-- the most common unit among the readings; a tie goes to the first reading's unit -->
  <xsl:function name="pe:chart-unit" as="xs:string?">
    <xsl:param name="app" as="element(tei:app)"/>
    <xsl:variable name="units" as="xs:string*" select="pe:chart-readings($app) ! pe:num-unit(pe:reading-value(.))"/>
    <xsl:variable name="best" as="xs:integer?"
      select="max(distinct-values($units) ! count(index-of($units, .)))"/>
    <xsl:sequence select="$units[count(index-of($units, .)) = $best][1]"/>
  </xsl:function>

  <xsl:function name="pe:num-low" as="xs:double?">
    <xsl:param name="num" as="element(tei:num)"/>
    <xsl:sequence select="$num/@atLeast ! (number(.) * pe:num-scale($num))"/>
  </xsl:function>
  <xsl:function name="pe:num-high" as="xs:double?">
    <xsl:param name="num" as="element(tei:num)"/>
    <xsl:sequence select="$num/@atMost ! (number(.) * pe:num-scale($num))"/>
  </xsl:function>
  <xsl:function name="pe:num-point" as="xs:double?">
    <xsl:param name="num" as="element(tei:num)"/>
    <xsl:sequence select="$num/@value ! (number(.) * pe:num-scale($num))"/>
  </xsl:function>
  <xsl:function name="pe:num-scale" as="xs:double">
    <xsl:param name="num" as="element(tei:num)"/>
    <xsl:sequence select="if ($num/@type = 'fraction') then 100 else 1"/>
  </xsl:function>

  <xsl:function name="pe:nice-max" as="xs:double">
    <xsl:param name="max" as="xs:double"/>
    <xsl:variable name="raw" as="xs:double" select="max(($max, 1e-9)) div 5"/>
    <xsl:variable name="mag" as="xs:double" select="math:pow(10, floor(math:log10($raw)))"/>
    <xsl:variable name="norm" as="xs:double" select="$raw div $mag"/>
    <xsl:variable name="step" as="xs:double"
      select="$mag * (if ($norm le 1) then 1 else if ($norm le 2) then 2 else if ($norm le 5) then 5 else 10)"/>
    <xsl:sequence select="ceiling($max div $step) * $step"/>
  </xsl:function>

  <xsl:function name="pe:chart-x" as="xs:double">
    <xsl:param name="v" as="xs:double"/>
    <xsl:param name="max" as="xs:double"/>
    <xsl:sequence select="round($pe:chart-left + ($v div $max)
      * ($pe:chart-width - $pe:chart-left - $pe:chart-right), 1)"/>
  </xsl:function>

  <!-- a row label that fits the left margin -->
  <xsl:function name="pe:chart-label" as="xs:string">
    <xsl:param name="rdg" as="element(tei:rdg)"/>
    <xsl:variable name="full" as="xs:string" select="pe:reading-label($rdg)"/>
    <xsl:sequence select="if (string-length($full) gt 30) then substring($full, 1, 29) || '…' else $full"/>
  </xsl:function>

  <!-- who says it: the source's title, or the short citation of a work of scholarship -->
  <xsl:function name="pe:reading-label" as="xs:string">
    <xsl:param name="rdg" as="element(tei:rdg)"/>
    <xsl:sequence select="if ($rdg/parent::tei:rdgGrp/@type = 'scholarship')
      then pe:reading-citation($rdg) else pe:source-short(pe:reading-siglum($rdg))"/>
  </xsl:function>

  <!-- ===================================================================== rendering -->

  <xsl:template match="tei:app" mode="pe:chart">
    <xsl:param name="chart-id" as="xs:string" select="'chart'" tunnel="yes"/>
    <xsl:variable name="unit" as="xs:string?" select="pe:chart-unit(.)"/>
    <xsl:variable name="all" as="element(tei:rdg)*" select="pe:chart-readings(.)"/>
    <xsl:variable name="drawn" as="element(tei:rdg)*"
      select="$all[pe:num-unit(pe:reading-value(.)) = $unit]"/>
    <xsl:if test="exists($drawn)">
      <xsl:variable name="nums" as="element(tei:num)*" select="$drawn ! pe:reading-value(.)"/>
      <xsl:variable name="max" as="xs:double"
        select="pe:nice-max(1.04 * max(($nums ! (pe:num-low(.), pe:num-high(.), pe:num-point(.)), 0)))"/>
      <xsl:variable name="height" as="xs:double"
        select="$pe:chart-top + count($drawn) * $pe:chart-row + $pe:chart-axis"/>
      <xsl:variable name="unit-label" as="xs:string" select="pe:label('unit-' || $unit)"/>
      <div class="pe-chart-block" data-unit="{$unit}">
      <figure class="pe-chart" data-unit="{$unit}">
        <div class="pe-chart-scroll" role="region" tabindex="0" aria-label="{pe:label('chart-region')}">
        <svg xmlns="http://www.w3.org/2000/svg" class="pe-chart-svg" role="img"
          viewBox="0 0 {$pe:chart-width} {$height}" width="{$pe:chart-width}" height="{$height}"
          aria-labelledby="{$chart-id}-title {$chart-id}-desc">
          <title id="{$chart-id}-title">
            <xsl:value-of select="pe:label('chart-title', pe:claim-question(.))"/>
          </title>
          <desc id="{$chart-id}-desc">
            <xsl:value-of select="pe:label('chart-desc', $unit-label)"/>
            <xsl:text> </xsl:text>
            <xsl:value-of select="$drawn ! (pe:reading-label(.) || ': ' || pe:reading-summary(.))" separator="; "/>
          </desc>
          <!-- axis and ticks -->
          <xsl:variable name="base" as="xs:double" select="$height - $pe:chart-axis + 8"/>
          <g class="pe-chart-axis">
            <line x1="{$pe:chart-left}" x2="{$pe:chart-width - $pe:chart-right}" y1="{$base}" y2="{$base}"/>
            <xsl:for-each select="0 to 5">
              <xsl:variable name="v" as="xs:double" select="$max * . div 5"/>
              <xsl:variable name="x" as="xs:double" select="pe:chart-x($v, $max)"/>
              <line class="pe-chart-grid" x1="{$x}" x2="{$x}" y1="{$pe:chart-top}" y2="{$base + 5}"/>
              <text class="pe-chart-tick" x="{$x}" y="{$base + 18}" text-anchor="middle">
                <xsl:value-of select="format-number($v, '#,##0.##') || (if ($unit = 'percent') then '%' else '')"/>
              </text>
            </xsl:for-each>
            <text class="pe-chart-unit" x="{$pe:chart-width - $pe:chart-right}" y="{$base + 32}" text-anchor="end">
              <xsl:value-of select="$unit-label"/>
            </text>
          </g>
          <xsl:for-each select="$drawn">
            <xsl:variable name="num" as="element(tei:num)" select="pe:reading-value(.)"/>
            <xsl:variable name="y" as="xs:double" select="$pe:chart-top + (position() - 0.5) * $pe:chart-row"/>
            <xsl:variable name="group" as="xs:string" select="string(parent::tei:rdgGrp/@type)"/>
            <g class="pe-chart-row pe-chart-{$group}" data-group="{$group}">
              <title><xsl:value-of select="pe:reading-label(.) || ': ' || pe:reading-summary(.)"/></title>
              <text class="pe-chart-label" x="{$pe:chart-left - 8}" y="{$y + 4}" text-anchor="end">
                <xsl:value-of select="pe:chart-label(.)"/>
              </text>
              <xsl:variable name="low" as="xs:double?" select="pe:num-low($num)"/>
              <xsl:variable name="high" as="xs:double?" select="pe:num-high($num)"/>
              <xsl:variable name="point" as="xs:double?" select="pe:num-point($num)"/>
              <xsl:if test="exists($low) or exists($high)">
                <xsl:variable name="x1" as="xs:double" select="pe:chart-x(($low, 0)[1], $max)"/>
                <xsl:variable name="x2" as="xs:double" select="pe:chart-x(($high, $max)[1], $max)"/>
                <rect class="pe-chart-bar" x="{$x1}" y="{$y - 6}" width="{max(($x2 - $x1, 2))}" height="12"
                  data-low="{$low}" data-high="{$high}"/>
                <xsl:if test="empty($high)">
                  <path class="pe-chart-open" d="M{$x2} {$y - 9} L{$x2 + 10} {$y} L{$x2} {$y + 9} Z"/>
                </xsl:if>
                <xsl:if test="empty($low)">
                  <path class="pe-chart-open" d="M{$x1} {$y - 9} L{$x1 - 10} {$y} L{$x1} {$y + 9} Z"/>
                </xsl:if>
              </xsl:if>
              <xsl:if test="exists($point)">
                <xsl:variable name="px" as="xs:double" select="pe:chart-x($point, $max)"/>
                <xsl:choose>
                  <xsl:when test="$group = 'scholarship'">
                    <path class="pe-chart-point pe-chart-diamond" data-value="{$point}"
                      d="M{$px} {$y - 8} L{$px + 8} {$y} L{$px} {$y + 8} L{$px - 8} {$y} Z"/>
                  </xsl:when>
                  <xsl:otherwise>
                    <circle class="pe-chart-point" cx="{$px}" cy="{$y}" r="6" data-value="{$point}"/>
                  </xsl:otherwise>
                </xsl:choose>
              </xsl:if>
            </g>
          </xsl:for-each>
        </svg>
        </div>
        <figcaption>
          <xsl:value-of select="pe:label('chart-caption', $unit-label)"/>
          <xsl:if test="count($drawn) lt count($all)">
            <xsl:text> </xsl:text>
            <xsl:value-of select="pe:label('chart-other-units')"/>
          </xsl:if>
        </figcaption>
      </figure>
        <table class="pe-chart-data">
          <caption><xsl:value-of select="pe:label('chart-table')"/></caption>
          <thead>
            <tr>
              <th scope="col"><xsl:value-of select="pe:label('chart-col-who')"/></th>
              <th scope="col"><xsl:value-of select="pe:label('chart-col-group')"/></th>
              <th scope="col"><xsl:value-of select="pe:label('chart-col-figure')"/></th>
              <th scope="col"><xsl:value-of select="pe:label('chart-col-drawn')"/></th>
            </tr>
          </thead>
          <tbody>
            <xsl:for-each select="$all">
              <xsl:variable name="u" as="xs:string" select="pe:num-unit(pe:reading-value(.))"/>
              <tr data-group="{parent::tei:rdgGrp/@type}" data-drawn="{$u = $unit}">
                <th scope="row"><xsl:value-of select="pe:reading-label(.)"/></th>
                <td><xsl:value-of select="pe:label('group-' || parent::tei:rdgGrp/@type)"/></td>
                <td class="pe-chart-value">
                  <xsl:value-of select="pe:reading-summary(.)"/>
                  <!-- a figure that counts something else than the claim's answers says what (ENCODING.md §9) -->
                  <xsl:variable name="measure" as="xs:string?" select="pe:reading-measure(.)"/>
                  <xsl:if test="exists($measure) and not($measure = pe:claim-measure(ancestor::tei:app))">
                    <xsl:text> </xsl:text>
                    <span class="pe-measure"><xsl:value-of select="pe:label('chart-other-measure', $measure)"/></span>
                  </xsl:if>
                </td>
                <td>
                  <xsl:value-of select="if ($u = $unit) then pe:label('chart-drawn-yes')
                    else pe:label('chart-drawn-no', pe:label('unit-' || $u))"/>
                </td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </div>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
