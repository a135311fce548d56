<?xml version="1.0" encoding="UTF-8"?>
<!--
  chronology.xsl (module) : what a date means on a time line, and how one item is drawn.

  MEANING (functions)
  * pe:iso-year-decimal($iso, $end): '1937' -> 1937.0 (start) or 1938.0 (end of the year);
    '1932-12' -> 1932.9167 / 1933.0; '1939-04-10' -> the day. () if not an ISO date.
  * pe:date-extent($date): map { 'start', 'end' (decimal years, either may be absent),
    'shape' : 'point' | 'range' | 'between' | 'not-before' | 'not-after', 'year' (the year it is
    filed under) } for a tei:date with @when, @from/@to or @notBefore/@notAfter; () if undated.
  * pe:chrono-scale($items): (from, to) of the drawn scale: whole years from the earliest to
    the latest of the items shown (the period's and the glosses' items have their own scales).
  * pe:chrono-layer($date, $extent): 'period' (the sources' own text within the edition's period
    (pe:chrono-period, declared in tei/edition.xml), and the claims' reference dates: shown by
    default) or, behind a toggle, 'gloss', 'reference' or 'outside'.
  * pe:chronology-items($source-items): the items of the sources' dated mentions (made by
    chronology.xsl, pe:source-item: data only, so that they can be made a share of the sources
    at a time) and every reference date of a claim (one item per claim and date, 'node' and
    'nodes' = the readings' dates), as maps (extent + 'kind' = 'source' | 'claim' + 'layer' +
    'label' + 'uncertain'), in order.
  * pe:date-item($date, $extent): what every item says of its date: 'label' (in words) and
    'uncertain' (@cert low or medium).
  RENDERING
  * named template pe:chrono-bar ($extent, $min, $max): a small SVG strip on the scale $min–$max:
    a dot for a date, a bar for a period, a dashed bar for "between", a bar with an arrow for an
    open end. Decorative: the item's text says the same in words.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:pe="https://purges-edition.example/ns"
  exclude-result-prefixes="#all">

  <xsl:import href="functions.xsl"/>

  <xsl:function name="pe:iso-year-decimal" as="xs:double?">
    <xsl:param name="iso" as="xs:string?"/>
    <xsl:param name="end" as="xs:boolean"/>
    <xsl:variable name="p" as="xs:string*" select="tokenize(normalize-space($iso), '-')"/>
    <xsl:if test="matches(normalize-space($iso), '^\d{4}(-\d{2}(-\d{2})?)?$')">
      <xsl:variable name="y" as="xs:double" select="number($p[1])"/>
      <xsl:variable name="m" as="xs:double?" select="$p[2] ! number(.)"/>
      <xsl:variable name="d" as="xs:double?" select="$p[3] ! number(.)"/>
      <xsl:sequence select="
        if (exists($d)) then $y + ($m - 1) div 12 + ($d - (if ($end) then 0 else 1)) div 365
        else if (exists($m)) then $y + ($m - (if ($end) then 0 else 1)) div 12
        else $y + (if ($end) then 1 else 0)"/>
    </xsl:if>
  </xsl:function>

  <xsl:function name="pe:date-extent" as="map(xs:string, item())?">
    <xsl:param name="date" as="element()"/>
    <xsl:variable name="lo" as="xs:string?" select="($date/@when, $date/@from, $date/@notBefore)[1]"/>
    <xsl:variable name="hi" as="xs:string?" select="($date/@when, $date/@to, $date/@notAfter)[1]"/>
    <xsl:variable name="start" as="xs:double?" select="pe:iso-year-decimal($lo, false())"/>
    <xsl:variable name="end" as="xs:double?" select="pe:iso-year-decimal($hi, true())"/>
    <xsl:variable name="shape" as="xs:string" select="
      if ($date/@when) then 'point'
      else if (exists($start) and exists($end)) then
        (if ($date/@notBefore or $date/@notAfter) then 'between' else 'range')
      else if (exists($start)) then 'not-before'
      else 'not-after'"/>
    <xsl:if test="exists($start) or exists($end)">
      <xsl:sequence select="map:merge((
        map { 'shape': $shape, 'year': xs:integer(substring(($lo, $hi)[1], 1, 4)),
              'sort': ($start, pe:iso-year-decimal($hi, false()))[1] },
        $start ! map { 'start': . }, $end ! map { 'end': . }))"/>
    </xsl:if>
  </xsl:function>

  <!-- the reference dates of one claim that say the same date, as arrays (one per claim and date) -->
  <xsl:function name="pe:group-claim-dates" as="array(element(tei:date))*">
    <xsl:param name="dates" as="element(tei:date)*"/>
    <xsl:for-each-group select="$dates"
      group-by="ancestor::tei:app/@xml:id || '|' || string-join((@when, @from, @to, @notBefore, @notAfter), '/')">
      <xsl:sequence select="array { current-group() }"/>
    </xsl:for-each-group>
  </xsl:function>

  <xsl:function name="pe:date-item" as="map(xs:string, item())">
    <xsl:param name="date" as="element(tei:date)"/>
    <xsl:param name="extent" as="map(xs:string, item())"/>
    <xsl:sequence select="map:merge(($extent, map { 'label': pe:date-label($date),
      'uncertain': $date/@cert = ('low', 'medium') }))"/>
  </xsl:function>

  <xsl:function name="pe:chronology-items" as="map(xs:string, item())*">
    <xsl:param name="source-items" as="map(xs:string, item())*"/>
    <xsl:variable name="claim-dates" as="element(tei:date)*"
      select="pe:claims()//tei:app//tei:rdg/tei:date[@subtype = 'reference']"/>
    <xsl:variable name="items" as="map(xs:string, item())*" select="
      ($source-items,
       for $group in pe:group-claim-dates($claim-dates) return
         (let $e := pe:date-extent($group?1) return
          if (exists($e)) then map:merge((pe:date-item($group?1, $e), map { 'node': $group?1, 'nodes': $group, 'kind': 'claim', 'layer': 'period' })) else ()))"/>
    <xsl:for-each select="$items">
      <xsl:sort select="?sort"/>
      <xsl:sort select="(?end, ?sort)[1]"/>
      <xsl:sort select="?kind" order="descending"/>
      <xsl:sequence select="."/>
    </xsl:for-each>
  </xsl:function>

  <!-- the edition's period (tei/edition.xml: a date type="period" in the project description),
       as decimal years (start, end); () if not declared -->
  <xsl:function name="pe:chrono-period" as="xs:double*" cache="yes">
    <xsl:variable name="d" as="element()?" select="($pe:edition//tei:projectDesc//tei:date[@type = 'period'])[1]"/>
    <xsl:sequence select="if ($d) then (pe:iso-year-decimal(string($d/@from), false()), pe:iso-year-decimal(string($d/@to), true())) else ()"/>
  </xsl:function>

  <!-- which layer of the chronology a dated mention of a source belongs to: 'period' (an event of
       the edition's period in the source's own text: shown by default) or, behind a toggle,
       'gloss' (inside a scraped gloss or other artefact: the opening lines of a linked article,
       with the birth and death dates of people the source itself does not discuss), 'reference'
       (inside a bibliographic reference: a footnote or a bibl) or 'outside' (before or after the
       period) -->
  <xsl:function name="pe:chrono-layer" as="xs:string">
    <xsl:param name="date" as="element()"/>
    <xsl:param name="extent" as="map(xs:string, item())"/>
    <xsl:variable name="period" as="xs:double*" select="pe:chrono-period()"/>
    <xsl:sequence select="
      if ($date/ancestor::tei:seg[@type = 'artefact']) then 'gloss'
      else if ($date/ancestor::tei:note[@place = 'foot'] or $date/ancestor::tei:bibl or $date/ancestor::tei:listBibl) then 'reference'
      else if (count($period) = 2 and (some $v in ($extent?start, $extent?end) satisfies ($v lt $period[1] or $v gt $period[2]))) then 'outside'
      else 'period'"/>
  </xsl:function>

  <!-- the scale fits the items shown: from the start of the earliest year to the end of the
       latest (an open end counts at its one date) -->
  <xsl:function name="pe:chrono-scale" as="xs:double+">
    <xsl:param name="items" as="map(xs:string, item())*"/>
    <xsl:variable name="values" as="xs:double*" select="$items ! (?start, ?end)"/>
    <xsl:variable name="lo" as="xs:double" select="(floor(min($values)), 1900)[1]"/>
    <xsl:variable name="hi" as="xs:double" select="(ceiling(max($values)), $lo + 1)[1]"/>
    <xsl:sequence select="($lo, max(($hi, $lo + 1)))"/>
  </xsl:function>

  <!-- true if an item reaches beyond the scale -->
  <xsl:function name="pe:chrono-off-scale" as="xs:boolean">
    <xsl:param name="item" as="map(xs:string, item())"/>
    <xsl:param name="min" as="xs:double"/>
    <xsl:param name="max" as="xs:double"/>
    <xsl:sequence select="some $v in ($item?start, $item?end) satisfies ($v lt $min or $v gt $max)"/>
  </xsl:function>

  <!-- ===================================================================== rendering -->

  <xsl:template name="pe:chrono-bar">
    <xsl:param name="extent" as="map(xs:string, item())"/>
    <xsl:param name="min" as="xs:double"/>
    <xsl:param name="max" as="xs:double"/>
    <xsl:variable name="w" as="xs:double" select="400"/>
    <xsl:variable name="x" as="function(xs:double) as xs:double"
      select="function($v) { round((min(($max, max(($min, $v)))) - $min) div ($max - $min) * $w, 1) }"/>
    <xsl:variable name="shape" as="xs:string" select="$extent?shape"/>
    <svg xmlns="http://www.w3.org/2000/svg" class="pe-chrono-bar pe-chrono-{$shape}" viewBox="-12 0 {$w + 24} 16"
      width="{$w + 24}" height="16" aria-hidden="true" focusable="false" data-shape="{$shape}">
      <line class="pe-chrono-scale" x1="0" x2="{$w}" y1="8" y2="8"/>
      <xsl:choose>
        <xsl:when test="$shape = 'point'">
          <circle class="pe-chrono-mark" cx="{$x($extent?start)}" cy="8" r="4"/>
        </xsl:when>
        <xsl:when test="$shape = ('range', 'between')">
          <rect class="pe-chrono-mark" x="{$x($extent?start)}" y="4"
            width="{max((2, $x($extent?end) - $x($extent?start)))}" height="8">
            <xsl:if test="$shape = 'between'">
              <xsl:attribute name="stroke-dasharray" select="'3 2'"/>
            </xsl:if>
          </rect>
        </xsl:when>
        <xsl:when test="$shape = 'not-before'">
          <xsl:variable name="a" as="xs:double" select="$x($extent?start)"/>
          <rect class="pe-chrono-mark pe-chrono-open" x="{$a}" y="6" width="{min((40, $w - $a + 12))}" height="4"/>
          <path class="pe-chrono-mark" d="M{$a + min((40, $w - $a + 12))} 2 L{$a + min((40, $w - $a + 12)) + 8} 8 L{$a + min((40, $w - $a + 12))} 14 Z"/>
          <line class="pe-chrono-mark" x1="{$a}" x2="{$a}" y1="2" y2="14"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:variable name="b" as="xs:double" select="$x($extent?end)"/>
          <rect class="pe-chrono-mark pe-chrono-open" x="{max(($b - 40, -12))}" y="6" width="{$b - max(($b - 40, -12))}" height="4"/>
          <path class="pe-chrono-mark" d="M{max(($b - 40, -12))} 2 L{max(($b - 40, -12)) - 8} 8 L{max(($b - 40, -12))} 14 Z"/>
          <line class="pe-chrono-mark" x1="{$b}" x2="{$b}" y1="2" y2="14"/>
        </xsl:otherwise>
      </xsl:choose>
    </svg>
  </xsl:template>
</xsl:stylesheet>
