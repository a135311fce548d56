<?xml version="1.0" encoding="UTF-8"?>
<!--
  chart.xsl : the chart of a quantitative claim, drawn at build time as SVG.

  One horizontal axis (from 0 to a rounded maximum, with ticks and labels); one row per
  reading, its label on a line of its own above its mark (so a label never runs into a mark or
  another label): a source's figure is a circle and its range an open bar with a dashed outline; a work of
  scholarship's figure is a diamond and its range a filled bar; an "at least" range ends in an
  arrow, an "up to" range starts at 0; a figure with a hedge ("nearly", "at least 725,000") is its
  point, the hedge said in its label. Like with like: the chart draws only the readings of one
  unit (pe:chart-unit) and one measure (pe:chart-measure: the claim's, ENCODING.md §9), so a
  membership never stands beside a count of expulsions; the table that follows lists every
  reading and says which are not drawn and why. Rows of one source or work are numbered so that
  no two rows carry the same label. The legend lists only the marks the chart draws. The SVG
  is narrow (400 units, text 14 units) so that at a phone's width its text is still 12 px or
  more. Fractions are drawn as percentages (0.6667 -> 66.67%).

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
  <xsl:variable name="pe:chart-width" as="xs:double" select="400"/>
  <xsl:variable name="pe:chart-left" as="xs:double" select="24"/>
  <xsl:variable name="pe:chart-right" as="xs:double" select="40"/>
  <xsl:variable name="pe:chart-row" as="xs:double" select="42"/>
  <xsl:variable name="pe:chart-top" as="xs:double" select="6"/>
  <xsl:variable name="pe:chart-axis" as="xs:double" select="52"/>
  <!-- the longest row label (characters) that fits the width at the chart's font size -->
  <xsl:variable name="pe:chart-label-max" as="xs:integer" select="44"/>

  <!-- ===================================================================== meaning -->

  <xsl:function name="pe:num-unit" as="xs:string">
    <xsl:param name="num" as="element(tei:num)"/>
    <xsl:sequence select="if ($num/@type = ('percent', 'fraction')) then 'percent' else string($num/@type)"/>
  </xsl:function>

  <xsl:function name="pe:chart-readings" as="element(tei:rdg)*">
    <xsl:param name="app" as="element(tei:app)"/>
    <xsl:sequence select="(pe:source-readings($app), pe:scholarship-readings($app))[pe:reading-value(.)]"/>
  </xsl:function>

  <!-- what a reading's figure counts (its measure's id), '' where it names none -->
  <xsl:function name="pe:reading-measure-id" as="xs:string">
    <xsl:param name="rdg" as="element(tei:rdg)"/>
    <xsl:variable name="num" as="element(tei:num)?" select="pe:reading-value($rdg)"/>
    <xsl:sequence select="string((($num/@ana, $rdg/ancestor::tei:app/@ana) ! tokenize(.)[starts-with(., '#measure-')])[1])"/>
  </xsl:function>

  <!-- the measure the chart draws: the claim's own where a reading of the chart's unit has it,
       else the most common among them -->
  <xsl:function name="pe:chart-measure" as="xs:string">
    <xsl:param name="app" as="element(tei:app)"/>
    <xsl:variable name="unit" as="xs:string?" select="pe:chart-unit($app)"/>
    <xsl:variable name="ms" as="xs:string*"
      select="pe:chart-readings($app)[pe:num-unit(pe:reading-value(.)) = $unit] ! pe:reading-measure-id(.)"/>
    <xsl:variable name="own" as="xs:string?" select="(tokenize($app/@ana)[starts-with(., '#measure-')])[1]"/>
    <xsl:variable name="best" as="xs:integer?" select="max(distinct-values($ms) ! count(index-of($ms, .)))"/>
    <xsl:sequence select="if ($own = $ms) then $own else ($ms[count(index-of($ms, .)) = $best][1], '')[1]"/>
  </xsl:function>

  <!-- the readings the charts draw: those of the chart's unit (never a context figure); one chart
       per measure, the claim's first (pe:chart-measure), so that unlike figures never share an axis -->
  <xsl:function name="pe:chart-drawn" as="element(tei:rdg)*">
    <xsl:param name="app" as="element(tei:app)"/>
    <xsl:variable name="unit" as="xs:string?" select="pe:chart-unit($app)"/>
    <xsl:sequence select="pe:chart-readings($app)[pe:num-unit(pe:reading-value(.)) = $unit]"/>
  </xsl:function>

  <!-- the labels of the drawn rows, each once: a source or work with several rows gets (1), (2) … -->
  <xsl:function name="pe:chart-row-labels" as="xs:string*">
    <xsl:param name="drawn" as="element(tei:rdg)*"/>
    <xsl:variable name="names" as="xs:string*" select="$drawn ! pe:reading-label(.)"/>
    <xsl:sequence select="for $i in 1 to count($names) return
      let $n := $names[$i], $same := index-of($names, $n)
      return if (count($same) gt 1) then $n || ' (' || index-of($same, $i) || ')' else $n"/>
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

  <xsl:function name="pe:chart-tick" as="xs:string">
    <xsl:param name="v" as="xs:double"/>
    <xsl:sequence select="format-number($v, '#,##0.##')"/>
  </xsl:function>

  <!-- the marks a chart draws, for its legend: source-point, source-range, work-point, work-range, open -->
  <xsl:function name="pe:chart-marks" as="xs:string*">
    <xsl:param name="drawn" as="element(tei:rdg)*"/>
    <xsl:sequence select="distinct-values($drawn ! (
      let $n := pe:reading-value(.), $g := if (parent::tei:rdgGrp/@type = 'scholarship') then 'work' else 'source'
      return (if ($n/@value) then $g || '-point' else (),
              if (not($n/@value) and ($n/@atLeast or $n/@atMost)) then $g || '-range' else (),
              if (not($n/@value) and $n/@atLeast and not($n/@atMost)) then 'open' else ())))"/>
  </xsl:function>

  <xsl:function name="pe:chart-x" as="xs:double">
    <xsl:param name="v" as="xs:double"/>
    <xsl:param name="max" as="xs:double"/>
    <xsl:sequence select="round($pe:chart-left + ($v div $max)
      * ($pe:chart-width - $pe:chart-left - $pe:chart-right), 1)"/>
  </xsl:function>

  <!-- a row label that fits the chart's width -->
  <xsl:function name="pe:chart-label" as="xs:string">
    <xsl:param name="full" as="xs:string"/>
    <xsl:sequence select="if (string-length($full) gt $pe:chart-label-max)
      then substring($full, 1, $pe:chart-label-max - 1) || '…' else $full"/>
  </xsl:function>

  <!-- who says it: the source's siglum (the claim page names each source by siglum and short
       title), or the short citation of a work of scholarship -->
  <xsl:function name="pe:reading-label" as="xs:string">
    <xsl:param name="rdg" as="element(tei:rdg)"/>
    <xsl:sequence select="if ($rdg/parent::tei:rdgGrp/@type = 'scholarship')
      then pe:reading-citation($rdg) else pe:reading-siglum($rdg)"/>
  </xsl:function>

  <!-- ===================================================================== rendering -->

  <xsl:template match="tei:app" mode="pe:chart">
    <xsl:param name="chart-id" as="xs:string" select="'chart'" tunnel="yes"/>
    <xsl:param name="root" as="xs:string" select="'../'" tunnel="yes"/>
    <xsl:variable name="unit" as="xs:string?" select="pe:chart-unit(.)"/>
    <xsl:variable name="all" as="element(tei:rdg)*" select="pe:chart-readings(.)"/>
    <xsl:variable name="drawn" as="element(tei:rdg)*" select="pe:chart-drawn(.)"/>
    <xsl:variable name="row-labels" as="xs:string*" select="pe:chart-row-labels($drawn)"/>
    <xsl:variable name="measure" as="xs:string" select="pe:chart-measure(.)"/>
    <xsl:if test="exists($drawn)">
      <xsl:variable name="unit-label" as="xs:string" select="pe:label('unit-' || $unit)"/>
      <xsl:variable name="app" as="element(tei:app)" select="."/>
      <div class="pe-chart-block" data-unit="{$unit}">
      <xsl:for-each-group select="$drawn" group-by="pe:reading-measure-id(.)">
        <xsl:sort select="if (current-grouping-key() = $measure) then 0 else 1"/>
        <xsl:variable name="group-rdgs" as="element(tei:rdg)*" select="current-group()"/>
        <xsl:variable name="gid" as="xs:string" select="$chart-id || (if (position() gt 1) then '-' || position() else '')"/>
        <xsl:variable name="nums" as="element(tei:num)*" select="$group-rdgs ! pe:reading-value(.)"/>
        <xsl:variable name="max" as="xs:double"
          select="pe:nice-max(1.04 * max(($nums ! (pe:num-low(.), pe:num-high(.), pe:num-point(.)), 0)))"/>
        <xsl:variable name="height" as="xs:double"
          select="$pe:chart-top + count($group-rdgs) * $pe:chart-row + $pe:chart-axis"/>
        <xsl:variable name="ticks" as="xs:integer" select="if ($max ge 100000) then 2 else 4"/>
        <xsl:variable name="counts" as="xs:string?"
          select="for $m in current-grouping-key()[. != ''] return normalize-space(root($app)//tei:category[@xml:id = substring($m, 2)]/tei:catDesc)[. != '']"/>
            <figure class="pe-chart" data-unit="{$unit}">
          <div class="pe-chart-scroll">
          <svg xmlns="http://www.w3.org/2000/svg" class="pe-chart-svg" role="img"
            viewBox="0 0 {$pe:chart-width} {$height}" width="{$pe:chart-width}" height="{$height}"
            aria-labelledby="{$gid}-title {$gid}-desc">
            <title id="{$gid}-title">
              <xsl:value-of select="pe:label('chart-title', pe:claim-question($app))"/>
            </title>
            <desc id="{$gid}-desc">
              <xsl:value-of select="pe:label('chart-desc', $unit-label)"/>
              <xsl:text> </xsl:text>
              <xsl:value-of select="$group-rdgs ! (pe:reading-label(.) || ': ' || pe:reading-summary(.))" separator="; "/>
            </desc>
            <!-- axis and ticks -->
            <xsl:variable name="base" as="xs:double" select="$height - $pe:chart-axis + 8"/>
            <g class="pe-chart-axis">
              <line x1="{$pe:chart-left}" x2="{$pe:chart-width - $pe:chart-right}" y1="{$base}" y2="{$base}"/>
              <xsl:for-each select="0 to $ticks">
                <xsl:variable name="v" as="xs:double" select="$max * . div $ticks"/>
                <xsl:variable name="x" as="xs:double" select="pe:chart-x($v, $max)"/>
                <line class="pe-chart-grid" x1="{$x}" x2="{$x}" y1="{$pe:chart-top}" y2="{$base + 5}"/>
                <text class="pe-chart-tick" x="{$x}" y="{$base + 20}" text-anchor="{if (. = 0) then 'start' else if (. = $ticks) then 'end' else 'middle'}">
                  <xsl:value-of select="pe:chart-tick($v) || (if ($unit = 'percent') then '%' else '')"/>
                </text>
              </xsl:for-each>
              <text class="pe-chart-unit" x="{$pe:chart-width - $pe:chart-right}" y="{$base + 40}" text-anchor="end">
                <xsl:value-of select="$unit-label"/>
              </text>
            </g>
            <xsl:for-each select="$group-rdgs">
              <xsl:variable name="i" as="xs:integer" select="position()"/>
              <xsl:variable name="rdg" as="element(tei:rdg)" select="."/>
              <xsl:variable name="label" as="xs:string"
                select="$row-labels[(for $j in 1 to count($drawn) return $j[$drawn[$j] is $rdg])[1]]"/>
              <xsl:variable name="num" as="element(tei:num)" select="pe:reading-value(.)"/>
              <!-- the label on its own line, the mark below it -->
              <xsl:variable name="y" as="xs:double" select="$pe:chart-top + ($i - 1) * $pe:chart-row + 30"/>
              <xsl:variable name="group" as="xs:string" select="string(parent::tei:rdgGrp/@type)"/>
              <g class="pe-chart-row pe-chart-{$group}" data-group="{$group}">
                <title><xsl:value-of select="$label || ': ' || pe:reading-summary(.)"/></title>
                <text class="pe-chart-label" x="{$pe:chart-left}" y="{$y - 13}" text-anchor="start">
                  <xsl:value-of select="pe:chart-label($label || ': ' || pe:reading-summary(.))"/>
                </text>
                <xsl:variable name="low" as="xs:double?" select="pe:num-low($num)"/>
                <xsl:variable name="high" as="xs:double?" select="pe:num-high($num)"/>
                <xsl:variable name="point" as="xs:double?" select="pe:num-point($num)"/>
                <xsl:if test="empty($point) and (exists($low) or exists($high))">
                  <xsl:variable name="x1" as="xs:double" select="pe:chart-x(($low, 0)[1], $max)"/>
                  <xsl:variable name="x2" as="xs:double" select="pe:chart-x(($high, $max)[1], $max)"/>
                  <!-- a source's range open and hatched, scholarship's filled (the legend says which) -->
                  <rect class="{if ($group = 'scholarship') then 'pe-chart-bar' else 'pe-chart-bar pe-chart-bar-source'}"
                    x="{$x1}" y="{$y - 6}" width="{max(($x2 - $x1, 2))}" height="12"
                    data-low="{$low}" data-high="{$high}"/>
                  <xsl:if test="empty($high)">
                    <path class="pe-chart-open" d="M{$x2} {$y - 9} L{$x2 + 10} {$y} L{$x2} {$y + 9} Z"/>
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
            <!-- the legend: only the marks this chart draws -->
            <ul class="pe-chart-legend">
              <xsl:for-each select="pe:chart-marks($group-rdgs)">
                <li>
                  <svg xmlns="http://www.w3.org/2000/svg" class="pe-chart-key" viewBox="0 0 28 16" width="28" height="16" aria-hidden="true">
                    <xsl:choose>
                      <xsl:when test=". = 'source-point'"><circle class="pe-chart-point" cx="14" cy="8" r="6"/></xsl:when>
                      <xsl:when test=". = 'work-point'"><path class="pe-chart-point pe-chart-diamond" d="M14 0 L22 8 L14 16 L6 8 Z"/></xsl:when>
                      <xsl:when test=". = 'source-range'"><rect class="pe-chart-bar pe-chart-bar-source" x="1" y="3" width="26" height="10"/></xsl:when>
                      <xsl:when test=". = 'work-range'"><rect class="pe-chart-bar" x="1" y="3" width="26" height="10"/></xsl:when>
                      <xsl:otherwise><path class="pe-chart-open" d="M8 0 L22 8 L8 16 Z"/></xsl:otherwise>
                    </xsl:choose>
                  </svg>
                  <xsl:text> </xsl:text>
                  <xsl:value-of select="pe:label('chart-key-' || .)"/>
                </li>
              </xsl:for-each>
            </ul>
            <xsl:value-of select="pe:label('chart-axis-caption', $unit-label)"/>
            <xsl:for-each select="$counts">
              <xsl:text> </xsl:text>
              <xsl:value-of select="pe:label('chart-measure', .)"/>
            </xsl:for-each>
            <xsl:if test="count($group-rdgs) lt count($all)">
              <xsl:text> </xsl:text>
              <xsl:value-of select="pe:label('chart-other-units')"/>
            </xsl:if>
          </figcaption>
        </figure>
      </xsl:for-each-group>
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
              <xsl:variable name="rdg" as="element(tei:rdg)" select="."/>
              <xsl:variable name="u" as="xs:string" select="pe:num-unit(pe:reading-value(.))"/>
              <xsl:variable name="on" as="xs:integer?" select="(for $j in 1 to count($drawn) return $j[$drawn[$j] is $rdg])[1]"/>
              <tr data-group="{parent::tei:rdgGrp/@type}" data-drawn="{exists($on)}">
                <!-- a work of scholarship links to its bibliography entry, as every short citation does -->
                <xsl:variable name="row-label" as="xs:string" select="if (exists($on)) then $row-labels[$on] else pe:reading-label(.)"/>
                <xsl:variable name="work" as="element(tei:biblStruct)?" select="if (parent::tei:rdgGrp/@type = 'scholarship') then pe:reading-bibl(.) else ()"/>
                <th scope="row"><xsl:choose>
                  <xsl:when test="$work/@xml:id"><cite class="pe-bibref"><a href="{$root || pe:bibl-path($work/@xml:id)}"><xsl:value-of select="$row-label"/></a></cite></xsl:when>
                  <xsl:otherwise><xsl:value-of select="$row-label"/></xsl:otherwise>
                </xsl:choose></th>
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
                  <xsl:value-of select="if (exists($on)) then pe:label('chart-drawn-yes')
                    else if ($u = $unit) then pe:label('chart-drawn-no-measure')
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
