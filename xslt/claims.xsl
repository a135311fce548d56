<?xml version="1.0" encoding="UTF-8"?>
<!--
  claims.xsl : the claims pages, from tei/claims.xml (ENCODING.md §9).

  Writes (paths from functions.xsl):
  * claims/index.html (pe:page-path('claims')): every claim (rows) against every source and
    scholarship (columns), filterable by kind and topic (the form is revealed and driven by
    assets/claims.js; without it every row shows); a register of more than $claims-page-size
    claims is split into pages of that many rows in the register's order, claims/index.html
    and claims/2.html, 3.html … (pe:claims-page-path), each with its own filter and a pager;
  * claims/{claim-id}.html (pe:claim-path): the question, kind, topic, every source's reading
    with a link to its place in the reading page, scholarship with full citations, the chart
    of a quantitative claim, the editorial note with its attribution and the certainty badge.

  Run with the initial template (xsl:initial-template) or on any document: the register is
  found from $tei-root, not from the input.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:pe="https://purges-edition.example/ns"
  exclude-result-prefixes="#all">

  <xsl:import href="modules/layout.xsl"/>
  <xsl:import href="modules/chart.xsl"/>
  <xsl:import href="modules/sigla.xsl"/>

  <!-- The whole claims site (applied to the register's document node). -->
  <xsl:mode name="pe:claims-site" on-no-match="shallow-skip"/>
  <!-- One claim page's main content (applied to tei:app). -->
  <xsl:mode name="pe:claim-page" on-no-match="shallow-skip"/>
  <!-- One row of the overview table (applied to tei:app). -->
  <xsl:mode name="pe:claim-row" on-no-match="shallow-skip"/>
  <!-- A reading on the claim page (applied to tei:rdg). -->
  <xsl:mode name="pe:claim-reading" on-no-match="shallow-skip"/>

  <!-- At most this many claims (rows) on one page of the overview: a larger register is split
       into numbered pages, so that no page grows with the register. -->
  <xsl:param name="claims-page-size" as="xs:string" select="'200'"/>
  <xsl:variable name="pe:claims-page-size" as="xs:integer" select="xs:integer($claims-page-size)"/>

  <!-- At most this many sources (columns) on one page of the overview: the sources of a larger
       collection are split into groups of that many, in reading order, each group a page of its
       own (pe:claims-page-path: claims/index.html, claims/1-2.html …), so that no page grows in
       width with the collection. -->
  <xsl:param name="claims-page-sources" as="xs:string" select="'12'"/>
  <xsl:variable name="pe:claims-page-sources" as="xs:integer" select="xs:integer($claims-page-sources)"/>

  <!-- the sigla that are columns of the overview: witnesses of the register or sources of the
       collection (the catalogue's, else the files), in $sigla order; found once -->
  <xsl:variable name="pe:claim-columns" as="xs:string*" select="
    let $claims := pe:claims()
    return tokenize($sigla)[
      (some $c in $claims satisfies exists(key('pe:id', 'wit-' || ., $c)))
      or (if (exists($pe:catalogue)) then exists(pe:cat-source(.)) else exists(pe:doc('sources/' || . || '.xml')))]"/>

  <!-- a claim's source readings by the siglum of their source, in the register's order (found once
       per claim: the overview's cells and the claim page's columns look up their source here) -->
  <xsl:function name="pe:readings-by-siglum" as="map(xs:string, element(tei:rdg)*)" cache="yes">
    <xsl:param name="app" as="element(tei:app)"/>
    <xsl:sequence select="map:merge(pe:source-readings($app) ! map:entry(pe:reading-siglum(.), .),
      map { 'duplicates': 'combine' })"/>
  </xsl:function>

  <!-- genre and stance of a source, from its textClass ('polemical pamphlet, revisionist apologetic'):
       the catalogue's copy of its terms, so that the claims pages read no source for it (they
       read those with claim spans only for where each span is: teipub/build.py, `reads`) -->
  <xsl:function name="pe:source-frame" as="xs:string">
    <xsl:param name="siglum" as="xs:string"/>
    <xsl:variable name="terms" as="element()*" select="if (exists($pe:catalogue)) then pe:cat-source($siglum)/term
      else pe:doc('sources/' || $siglum || '.xml')//tei:textClass/tei:keywords[@scheme = ('#genre', '#stance')]/tei:term"/>
    <xsl:sequence select="string-join($terms ! translate(normalize-space(.), '-', ' '), ', ')"/>
  </xsl:function>

  <!-- the words in which a source states a reading, for a table cell: its quotation when short,
       else the words of the spans it points to (from the catalogue: "two-thirds", "some 400,000"),
       else the gist; never the normalised figure (0.67) -->
  <xsl:function name="pe:reading-stated" as="xs:string">
    <xsl:param name="rdg" as="element(tei:rdg)"/>
    <xsl:variable name="claim" as="xs:string" select="string($rdg/ancestor::tei:app/@xml:id)"/>
    <xsl:variable name="quote" as="xs:string" select="normalize-space(string-join($rdg/tei:quote, ' '))"/>
    <xsl:variable name="spans" as="xs:string*"
      select="pe:refs($rdg/@corresp) ! substring-after(., '#') ! pe:cat-passage($claim, .)/text ! normalize-space(.)[. != '']"/>
    <xsl:sequence select="
      if ($quote != '' and string-length($quote) le $pe:stated-max) then $quote
      else if (exists($rdg/tei:num[@subtype = 'normalised']) and exists($spans)
               and string-length(string-join($spans, ' … ')) le $pe:stated-max) then string-join($spans, ' … ')
      else pe:reading-summary($rdg)"/>
  </xsl:function>

  <!-- how long a source's own words may be in a table cell (characters) -->
  <xsl:variable name="pe:stated-max" as="xs:integer" select="90"/>

  <!-- the most severe verdict among readings (the colour of a table cell that holds several) -->
  <xsl:function name="pe:worst-verdict" as="xs:string?">
    <xsl:param name="rdgs" as="element(tei:rdg)*"/>
    <xsl:variable name="keys" as="xs:string*" select="$rdgs ! pe:reading-verdict(.)"/>
    <xsl:sequence select="$pe:verdict-order[. = $keys][1]"/>
  </xsl:function>

  <!-- the anchors of a source reading on its claim page: 'syn-' and the id of each span it points
       to that no earlier reading of the claim points to (a reading page's note sign links to
       pe:claim-path(claim) || '#syn-' || span id) -->
  <xsl:function name="pe:reading-anchors" as="xs:string*">
    <xsl:param name="rdg" as="element(tei:rdg)"/>
    <xsl:variable name="first" as="map(xs:string, element(tei:rdg))" select="pe:first-readings($rdg/..)"/>
    <xsl:sequence select="distinct-values(pe:refs($rdg/@corresp) ! substring-after(., '#'))[$first(.) is $rdg] ! ('syn-' || .)"/>
  </xsl:function>

  <!-- span id -> the first of a group's readings that points to it (found once per group: asking
       each reading's earlier siblings again was quadratic in the readings of a claim) -->
  <xsl:function name="pe:first-readings" as="map(xs:string, element(tei:rdg))" cache="yes">
    <xsl:param name="group" as="element()"/>
    <xsl:sequence select="map:merge(for $r in $group/tei:rdg, $id in pe:refs($r/@corresp) ! substring-after(., '#')
      return map:entry($id, $r), map { 'duplicates': 'use-first' })"/>
  </xsl:function>

  <!-- ===================================================================== entry -->

  <xsl:template name="xsl:initial-template">
    <xsl:apply-templates select="pe:claims()" mode="pe:claims-site"/>
  </xsl:template>

  <xsl:template match="/" priority="-1">
    <xsl:call-template name="xsl:initial-template"/>
  </xsl:template>

  <xsl:template match="/" mode="pe:claims-site">
    <xsl:variable name="apps" as="element(tei:app)*" select="//tei:listApp/tei:app"/>
    <xsl:variable name="pages" as="xs:integer"
      select="max((1, xs:integer(ceiling(count($apps) div $pe:claims-page-size))))"/>
    <xsl:variable name="groups" as="xs:integer"
      select="max((1, xs:integer(ceiling(count($pe:claim-columns) div $pe:claims-page-sources))))"/>
    <xsl:for-each select="1 to $pages">
      <xsl:variable name="number" as="xs:integer" select="."/>
      <xsl:for-each select="1 to $groups">
        <xsl:call-template name="pe:claims-overview">
          <xsl:with-param name="apps" select="subsequence($apps, ($number - 1) * $pe:claims-page-size + 1, $pe:claims-page-size)"/>
          <xsl:with-param name="total" select="count($apps)"/>
          <xsl:with-param name="number" select="$number"/>
          <xsl:with-param name="pages" select="$pages"/>
          <xsl:with-param name="group" select="."/>
          <xsl:with-param name="groups" select="$groups"/>
        </xsl:call-template>
      </xsl:for-each>
    </xsl:for-each>
    <xsl:for-each select="$apps">
      <xsl:variable name="path" as="xs:string" select="pe:claim-path(@xml:id)"/>
      <xsl:result-document href="{$path}" format="pe:html">
        <xsl:call-template name="pe:page">
          <xsl:with-param name="path" select="$path"/>
          <xsl:with-param name="title" select="pe:claim-question(.)"/>
          <xsl:with-param name="current" select="'claims'"/>
          <xsl:with-param name="head" as="element()*">
            <link rel="stylesheet" href="{pe:root-of($path)}assets/claims.css"/>
          </xsl:with-param>
          <xsl:with-param name="body-class" select="'claim'"/>
          <xsl:with-param name="content" as="node()*">
            <xsl:apply-templates select="." mode="pe:claim-page">
              <xsl:with-param name="root" select="pe:root-of($path)" tunnel="yes"/>
            </xsl:apply-templates>
          </xsl:with-param>
        </xsl:call-template>
      </xsl:result-document>
    </xsl:for-each>
  </xsl:template>

  <!-- ===================================================================== overview -->

  <!-- page $number of $pages of the overview, with the claims $apps ($total in the register), and
       group $group of $groups of its sources -->
  <xsl:template name="pe:claims-overview">
    <xsl:param name="apps" as="element(tei:app)*"/>
    <xsl:param name="total" as="xs:integer" select="count($apps)"/>
    <xsl:param name="number" as="xs:integer" select="1"/>
    <xsl:param name="pages" as="xs:integer" select="1"/>
    <xsl:param name="group" as="xs:integer" select="1"/>
    <xsl:param name="groups" as="xs:integer" select="1"/>
    <xsl:variable name="path" as="xs:string" select="pe:claims-page-path($number, $group)"/>
    <xsl:variable name="root" as="xs:string" select="pe:root-of($path)"/>
    <xsl:variable name="columns" as="xs:string*"
      select="subsequence($pe:claim-columns, ($group - 1) * $pe:claims-page-sources + 1, $pe:claims-page-sources)"/>
    <xsl:result-document href="{$path}" format="pe:html">
      <xsl:call-template name="pe:page">
        <xsl:with-param name="path" select="$path"/>
        <xsl:with-param name="title" select="pe:label('claims-title')
          || (if ($pages gt 1) then ' (' || pe:label('claims-page', (string($number), string($pages))) || ')' else '')"/>
        <xsl:with-param name="current" select="'claims'"/>
        <xsl:with-param name="head" as="element()*">
          <link rel="stylesheet" href="{$root}assets/claims.css"/>
          <script src="{$root}assets/claims.js" defer=""></script>
        </xsl:with-param>
        <xsl:with-param name="body-class" select="'claims'"/>
        <!-- the other groups of sources repeat readings every claim page holds: not indexed again -->
        <xsl:with-param name="searchable" select="$group = 1"/>
        <xsl:with-param name="content" as="node()*">
          <h1><xsl:value-of select="pe:label('claims-title')"/></h1>
          <p class="pe-intro"><xsl:value-of select="pe:label('claims-intro', string($total))"/></p>
          <xsl:if test="$pages gt 1">
            <nav class="pe-pager" aria-label="{pe:label('claims-pages')}">
              <ul>
                <xsl:for-each select="1 to $pages">
                  <li><xsl:choose>
                    <xsl:when test=". = $number"><span aria-current="page"><xsl:value-of select="."/></span></xsl:when>
                    <xsl:otherwise><a href="{$root || pe:claims-page-path(., $group)}"><xsl:value-of select="."/></a></xsl:otherwise>
                  </xsl:choose></li>
                </xsl:for-each>
              </ul>
            </nav>
          </xsl:if>
          <xsl:if test="$groups gt 1">
            <nav class="pe-pager pe-column-pager" aria-label="{pe:label('claims-column-pages')}">
              <ul>
                <xsl:for-each select="1 to $groups">
                  <xsl:variable name="first" as="xs:integer" select="(. - 1) * $pe:claims-page-sources + 1"/>
                  <xsl:variable name="range" as="xs:string" select="pe:label('claims-column-range',
                    (string($first), string(min(($first + $pe:claims-page-sources - 1, count($pe:claim-columns))))))"/>
                  <li><xsl:choose>
                    <xsl:when test=". = $group"><span aria-current="page"><xsl:value-of select="$range"/></span></xsl:when>
                    <xsl:otherwise><a href="{$root || pe:claims-page-path($number, .)}"><xsl:value-of select="$range"/></a></xsl:otherwise>
                  </xsl:choose></li>
                </xsl:for-each>
              </ul>
            </nav>
          </xsl:if>
          <xsl:call-template name="pe:verdict-legend"/>
          <form class="pe-claims-filter" hidden="" aria-controls="pe-claims-table" data-pagefind-ignore="all">
            <xsl:for-each select="('kind', 'topic')">
              <xsl:variable name="facet" as="xs:string" select="."/>
              <xsl:variable name="values" as="xs:string*" select="distinct-values(
                $apps ! (if ($facet = 'kind') then 'kind-' || pe:claim-kind(.) else pe:claim-topics(.)))"/>
              <p>
                <label for="pe-filter-{$facet}"><xsl:value-of select="pe:label($facet)"/></label>
                <xsl:text> </xsl:text>
                <select id="pe-filter-{$facet}" name="{$facet}" data-facet="{$facet}">
                  <option value=""><xsl:value-of select="pe:label('filter-all')"/></option>
                  <xsl:for-each select="$values">
                    <xsl:sort select="pe:category-name(.)"/>
                    <option value="{.}" title="{pe:category-label(.)}"><xsl:value-of select="pe:category-name(.)"/></option>
                  </xsl:for-each>
                </select>
              </p>
            </xsl:for-each>
            <p class="pe-filter-count" aria-live="polite" data-template="{pe:label('filter-count')}"/>
          </form>
          <table class="pe-claims-table" id="pe-claims-table">
              <caption id="pe-claims-caption"><xsl:value-of select="pe:label('claims-table-caption')"/></caption>
              <thead>
                <tr>
                  <th scope="col"><xsl:value-of select="pe:label('claim')"/></th>
                  <xsl:for-each select="$columns">
                    <th scope="col" data-source="{.}">
                      <xsl:call-template name="pe:source-name">
                        <xsl:with-param name="siglum" select="."/>
                        <xsl:with-param name="link" select="false()"/>
                      </xsl:call-template>
                    </th>
                  </xsl:for-each>
                  <th scope="col" class="pe-col-scholarship"><xsl:value-of select="pe:label('scholarship')"/></th>
                  <th scope="col"><xsl:value-of select="pe:label('certainty-col')"/></th>
                </tr>
              </thead>
              <tbody>
                <xsl:apply-templates select="$apps" mode="pe:claim-row">
                  <xsl:with-param name="root" select="$root" tunnel="yes"/>
                  <xsl:with-param name="columns" select="$columns" tunnel="yes"/>
                </xsl:apply-templates>
              </tbody>
            </table>
        </xsl:with-param>
      </xsl:call-template>
    </xsl:result-document>
  </xsl:template>

  <xsl:template match="tei:app" mode="pe:claim-row">
    <xsl:param name="root" as="xs:string" tunnel="yes"/>
    <xsl:param name="columns" as="xs:string*" tunnel="yes"/>
    <xsl:variable name="app" as="element(tei:app)" select="."/>
    <tr id="{@xml:id}" data-kind="kind-{pe:claim-kind(.)}" data-topic="{pe:claim-topics(.)}"
      data-cert="{pe:claim-cert(.)}">
      <th scope="row">
        <a href="{$root || pe:claim-path(@xml:id)}"><xsl:value-of select="pe:claim-question(.)"/></a>
        <span class="pe-claim-facets">
          <xsl:value-of select="pe:category-name('kind-' || pe:claim-kind(.)), pe:claim-topics(.) ! pe:category-name(.)" separator=" · "/>
        </span>
      </th>
      <xsl:for-each select="$columns">
        <xsl:variable name="siglum" as="xs:string" select="."/>
        <xsl:variable name="rdgs" as="element(tei:rdg)*"
          select="pe:readings-by-siglum($app)($siglum)"/>
        <xsl:variable name="worst" as="xs:string?" select="pe:worst-verdict($rdgs)"/>
        <td data-source="{$siglum}" data-label="{pe:source-short($siglum)}"
          class="{if (empty($rdgs)) then 'pe-cell-empty' else 'pe-verdict-cell'}">
          <xsl:if test="exists($worst)"><xsl:attribute name="data-verdict" select="$worst"/></xsl:if>
          <xsl:choose>
            <xsl:when test="empty($rdgs)">—</xsl:when>
            <xsl:otherwise>
              <xsl:for-each select="$rdgs">
                <p class="pe-cell-reading{pe:reading-verdict(.) ! (' pe-verdict-' || .)}">
                  <xsl:variable name="stated" as="xs:string" select="pe:reading-stated(.)"/>
                  <span class="pe-stated">
                    <xsl:value-of select="if ($stated = normalize-space(string-join(tei:quote, ' '))) then '“' || $stated || '”' else $stated"/>
                  </span>
                  <xsl:for-each select="pe:reading-verdict(.)">
                    <xsl:text> </xsl:text>
                    <xsl:call-template name="pe:verdict-label">
                      <xsl:with-param name="verdict" select="."/>
                    </xsl:call-template>
                  </xsl:for-each>
                </p>
              </xsl:for-each>
            </xsl:otherwise>
          </xsl:choose>
        </td>
      </xsl:for-each>
      <td class="pe-scholarship-cell" data-label="{pe:label('scholarship')}">
        <xsl:choose>
          <xsl:when test="empty(pe:scholarship-readings(.))">—</xsl:when>
          <xsl:otherwise>
            <xsl:for-each select="pe:scholarship-readings(.)">
              <p class="pe-cell-reading">
                <!-- a figure as the work gives it; a position (the gist) is on the claim page -->
                <xsl:choose>
                  <xsl:when test="exists(pe:reading-value(.))">
                    <xsl:value-of select="pe:reading-summary(.)"/>
                    <xsl:text> </xsl:text>
                  </xsl:when>
                  <xsl:when test="tei:num[@subtype = 'context']">
                    <xsl:value-of select="pe:value-text(tei:num[@subtype = 'context'][1]) || ' ' || pe:label('context-reading')"/>
                    <xsl:text> </xsl:text>
                  </xsl:when>
                </xsl:choose>
                <xsl:text>(</xsl:text><xsl:sequence select="pe:reading-cite-link(., $root)"/><xsl:text>)</xsl:text>
              </p>
            </xsl:for-each>
          </xsl:otherwise>
        </xsl:choose>
      </td>
      <td data-label="{pe:label('certainty-col')}"><xsl:value-of select="pe:label('cert-badge-' || pe:claim-cert(.))"/></td>
    </tr>
  </xsl:template>

  <!-- ===================================================================== claim page -->

  <xsl:template match="tei:app" mode="pe:claim-page">
    <xsl:param name="root" as="xs:string" tunnel="yes"/>
    <p class="pe-breadcrumb"><a href="{$root || pe:page-path('claims')}"><xsl:value-of select="pe:label('claims-title')"/></a></p>
    <h1 data-pagefind-filter="{pe:label('search-filter-page')}:{pe:label('search-page-claim')}"><xsl:value-of select="pe:claim-question(.)"/></h1>
    <dl class="pe-claim-facts">
      <dt><xsl:value-of select="pe:label('kind')"/></dt>
      <dd><xsl:value-of select="('kind-' || pe:claim-kind(.)) ! (pe:category-name(.) || ' (' || pe:category-label(.) || ')')"/></dd>
      <dt><xsl:value-of select="pe:label('topic')"/></dt>
      <dd><xsl:value-of select="pe:claim-topics(.) ! (pe:category-name(.) || ' (' || pe:category-label(.) || ')')" separator="; "/></dd>
      <dt><xsl:value-of select="pe:label('certainty-col')"/></dt>
      <dd>
        <xsl:call-template name="pe:certainty-badge">
          <xsl:with-param name="cert" select="pe:claim-cert(.)"/>
        </xsl:call-template>
      </dd>
    </dl>
    <!-- the synoptic view: every source's passages in a column of its own (reading order), the
         scholarship in the last column, then the editors' judgement; each passage links to its
         place in the reading page, whose note signs link back here (#syn-{span id}) -->
    <xsl:variable name="app" as="element(tei:app)" select="."/>
    <xsl:variable name="columns" as="xs:string*"
      select="$pe:claim-columns[map:contains(pe:readings-by-siglum($app), .)]"/>
    <section aria-labelledby="sources-h" class="pe-synopsis-section">
      <h2 id="sources-h"><xsl:value-of select="pe:label('synopsis-heading')"/></h2>
      <xsl:call-template name="pe:verdict-legend"/>
      <div class="pe-synopsis">
        <xsl:for-each select="$columns, distinct-values(pe:source-readings($app) ! pe:reading-siglum(.))[not(. = $columns)]">
          <xsl:variable name="siglum" as="xs:string" select="."/>
          <section class="pe-syn-col" data-source="{$siglum}" aria-labelledby="syn-col-{$siglum}">
            <h3 id="syn-col-{$siglum}">
              <xsl:call-template name="pe:source-name">
                <xsl:with-param name="siglum" select="$siglum"/>
              </xsl:call-template>
              <xsl:variable name="frame" as="xs:string" select="pe:source-frame($siglum)"/>
              <xsl:if test="$frame != ''">
                <xsl:text> </xsl:text>
                <span class="pe-frame">(<xsl:value-of select="$frame"/>)</span>
              </xsl:if>
            </h3>
            <xsl:apply-templates select="pe:readings-by-siglum($app)($siglum)" mode="pe:claim-reading"/>
          </section>
        </xsl:for-each>
        <xsl:if test="exists(pe:scholarship-readings(.))">
          <section class="pe-syn-col pe-syn-scholarship" aria-labelledby="scholarship-h">
            <h3 id="scholarship-h"><xsl:value-of select="pe:label('scholarship')"/></h3>
            <ul class="pe-scholarship">
              <xsl:apply-templates select="pe:scholarship-readings(.)" mode="pe:claim-reading"/>
            </ul>
          </section>
        </xsl:if>
      </div>
    </section>
    <xsl:if test="pe:claim-kind(.) = 'quantity' and exists(pe:chart-readings(.))">
      <section aria-labelledby="chart-h">
        <h2 id="chart-h"><xsl:value-of select="pe:label('chart-heading')"/></h2>
        <xsl:apply-templates select="." mode="pe:chart"/>
      </section>
    </xsl:if>
    <xsl:for-each select="tei:note[@type = 'editorial']">
      <section aria-labelledby="note-h" class="pe-editorial">
        <h2 id="note-h"><xsl:value-of select="pe:label('editorial-note')"/></h2>
        <p><xsl:apply-templates mode="pe:claim-inline"/></p>
        <xsl:variable name="who" as="element()*" select="pe:pointer-targets(@resp, .)"/>
        <xsl:if test="exists($who)">
          <p class="pe-attribution">
            <xsl:value-of select="pe:label('note-by', string-join($who ! pe:entity-name(.), ', '))"/>
          </p>
        </xsl:if>
        <xsl:call-template name="pe:certainty-badge">
          <xsl:with-param name="cert" select="pe:cert(.)"/>
        </xsl:call-template>
      </section>
    </xsl:for-each>
    <!-- answers that measure different things, and why they stand together (ENCODING.md §9) -->
    <xsl:for-each select="tei:note[@type = 'comparability']">
      <section aria-labelledby="comparability-h" class="pe-comparability">
        <h2 id="comparability-h"><xsl:value-of select="pe:label('comparability-note')"/></h2>
        <p><xsl:apply-templates mode="pe:claim-inline"/></p>
      </section>
    </xsl:for-each>
    <!-- the related claims, so that a reader can walk the whole dispute -->
    <xsl:variable name="related" as="element(tei:ref)*" select="tei:note[@type = 'related']//tei:ref[starts-with(@target, '#claim-')]"/>
    <xsl:if test="exists($related)">
      <nav aria-labelledby="related-h" class="pe-related">
        <h2 id="related-h"><xsl:value-of select="pe:label('related-claims')"/></h2>
        <ul>
          <xsl:for-each select="$related">
            <li><a href="{$root || pe:claim-path(substring(@target, 2))}"><xsl:value-of select="normalize-space(.)"/></a></li>
          </xsl:for-each>
        </ul>
      </nav>
    </xsl:if>
  </xsl:template>

  <!-- a source's reading: who, what kind of source, the quotation, the figure, where -->
  <xsl:template match="tei:rdgGrp[@type = 'sources']/tei:rdg" mode="pe:claim-reading">
    <xsl:param name="root" as="xs:string" tunnel="yes"/>
    <xsl:variable name="siglum" as="xs:string" select="pe:reading-siglum(.)"/>
    <xsl:variable name="anchors" as="xs:string*" select="pe:reading-anchors(.)"/>
    <xsl:variable name="verdict" as="xs:string?" select="pe:reading-verdict(.)"/>
    <xsl:variable name="verdict-cert" as="xs:string" select="pe:cert(.)"/>
    <xsl:variable name="claim" as="xs:string" select="string(ancestor::tei:app/@xml:id)"/>
    <!-- the passage round the first span the reading points to (the catalogue's words) -->
    <xsl:variable name="span" as="element(passage)?"
      select="(pe:refs(@corresp) ! substring-after(., '#') ! pe:cat-passage($claim, .)[text != ''])[1]"/>
    <article class="pe-reading{$verdict ! (' pe-verdict-' || .)}" data-source="{$siglum}">
      <xsl:for-each select="$anchors[1]"><xsl:attribute name="id" select="."/></xsl:for-each>
      <xsl:for-each select="$anchors[position() gt 1]"><span id="{.}"/></xsl:for-each>
      <xsl:for-each select="$verdict">
        <p class="pe-reading-verdict">
          <xsl:call-template name="pe:verdict-label">
            <xsl:with-param name="verdict" select="."/>
          </xsl:call-template>
          <xsl:text> </xsl:text>
          <xsl:value-of select="pe:label('verdict-cert', (pe:label('verdict-' || . || '-long'),
            pe:label('verdict-cert-' || $verdict-cert)))"/>
        </p>
      </xsl:for-each>
      <xsl:choose>
        <xsl:when test="exists($span)">
          <blockquote class="pe-passage">
            <p>
              <xsl:value-of select="$span/before"/>
              <mark><xsl:value-of select="$span/text"/></mark>
              <xsl:value-of select="$span/after"/>
            </p>
          </blockquote>
        </xsl:when>
        <xsl:otherwise>
          <xsl:for-each select="tei:quote">
            <blockquote><p><xsl:apply-templates mode="pe:claim-inline"/></p></blockquote>
          </xsl:for-each>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:call-template name="pe:reading-facts"/>
      <xsl:for-each select="tei:note[not(@type = 'gist')]">
        <p class="pe-reading-note"><xsl:apply-templates mode="pe:claim-inline"/></p>
      </xsl:for-each>
      <xsl:variable name="links" as="xs:string*" select="pe:reading-links(.)"/>
      <xsl:if test="exists($links)">
        <p class="pe-reading-links">
          <xsl:value-of select="pe:label('read-in-context')"/>
          <xsl:text> </xsl:text>
          <!-- one link per place the reader can tell apart (two spans of one paragraph: one link) -->
          <xsl:for-each-group select="$links" group-by="pe:anchor-label(replace(substring-before(., '#'), '^.*/|\.html$', ''), substring-after(., '#'))">
            <xsl:if test="position() gt 1">, </xsl:if>
            <a href="{$root || .}" class="pe-to-reading"><xsl:value-of select="current-grouping-key()"/></a>
          </xsl:for-each-group>
        </p>
      </xsl:if>
    </article>
  </xsl:template>

  <!-- a work of scholarship: full citation, pages, figure, gist -->
  <xsl:template match="tei:rdgGrp[@type = 'scholarship']/tei:rdg" mode="pe:claim-reading">
    <xsl:param name="root" as="xs:string" tunnel="yes"/>
    <xsl:variable name="bibl" as="element(tei:biblStruct)?" select="pe:reading-bibl(.)"/>
    <li class="pe-reading-scholarship">
      <p class="pe-bibl">
        <xsl:choose>
          <xsl:when test="$bibl"><xsl:apply-templates select="$bibl" mode="pe:citation"/>
            <xsl:text> </xsl:text><a class="pe-bibl-entry" href="{$root || pe:bibl-path($bibl/@xml:id)}"><xsl:value-of select="pe:label('bibliography-entry')"/></a></xsl:when>
          <xsl:otherwise><xsl:value-of select="@source"/></xsl:otherwise>
        </xsl:choose>
        <xsl:for-each select="pe:cited-range(.)">
          <xsl:text> </xsl:text>
          <span class="pe-cited-range"><xsl:value-of select="pe:label('cited-at', .)"/></span>
        </xsl:for-each>
      </p>
      <xsl:call-template name="pe:reading-facts"/>
      <!-- the editors' own notes on the reading, e.g. how a derived figure was computed -->
      <xsl:for-each select="tei:note[not(@type)]">
        <p class="pe-reading-note"><xsl:apply-templates mode="pe:claim-inline"/></p>
      </xsl:for-each>
      <!-- where the pages were verified, or plainly that they are not yet (ENCODING.md §9) -->
      <xsl:for-each select="tei:bibl/tei:note[@type = 'pinpoint'][1]">
        <p class="pe-pinpoint{if (@subtype = 'unverified') then ' pe-pinpoint-unverified' else ''}">
          <xsl:value-of select="
            if (@subtype = 'unverified' and contains(lower-case(.), 'not yet verified')) then normalize-space(.)
            else if (@subtype = 'unverified') then pe:label('pinpoint-unverified') || ' ' || normalize-space(.)
            else pe:label('pinpoint-verified') || ' ' || normalize-space(.)"/>
        </p>
      </xsl:for-each>
      <xsl:if test="@cert = ('medium', 'low')">
        <p class="pe-ref-cert"><xsl:value-of select="pe:label('ref-cert-' || @cert)"/></p>
      </xsl:if>
    </li>
  </xsl:template>

  <!-- the figure (with its base and reference year) and the gist of a reading -->
  <xsl:template name="pe:reading-facts">
    <xsl:variable name="num" as="element(tei:num)?" select="pe:reading-value(.)"/>
    <xsl:variable name="measure" as="xs:string?" select="pe:reading-measure(.)"/>
    <xsl:if test="$num or tei:note[@type = 'gist'] or tei:num[@subtype = 'context']">
      <dl class="pe-reading-facts">
        <xsl:if test="$num">
          <dt><xsl:value-of select="pe:label('figure')"/></dt>
          <dd class="pe-figure" data-unit="{pe:num-unit($num)}"><xsl:value-of select="pe:value-text($num)"/></dd>
        </xsl:if>
        <!-- a figure given only as context: shown as such, never as the reading's answer -->
        <xsl:for-each select="tei:num[@subtype = 'context']">
          <dt><xsl:value-of select="pe:label('figure-context')"/></dt>
          <dd class="pe-figure-context"><xsl:value-of select="pe:value-text(.)"/></dd>
        </xsl:for-each>
        <xsl:for-each select="$measure">
          <dt><xsl:value-of select="pe:label('figure-measure')"/></dt>
          <dd class="pe-measure"><xsl:value-of select="."/></dd>
        </xsl:for-each>
        <xsl:for-each select="tei:num[@subtype = 'base']">
          <dt><xsl:value-of select="pe:label('figure-base')"/></dt>
          <dd><xsl:value-of select="pe:value-text(.)"/></dd>
        </xsl:for-each>
        <xsl:for-each select="tei:date[@subtype = 'reference']">
          <dt><xsl:value-of select="pe:label('figure-year')"/></dt>
          <dd><xsl:value-of select="pe:date-label(.)"/></dd>
        </xsl:for-each>
        <xsl:for-each select="tei:note[@type = 'gist']">
          <dt><xsl:value-of select="pe:label('gist')"/></dt>
          <dd><xsl:apply-templates mode="pe:claim-inline"/></dd>
        </xsl:for-each>
      </dl>
    </xsl:if>
  </xsl:template>

  <!-- ===================================================================== verdicts -->

  <!-- a verdict in words, coloured and marked by its class (never by colour alone) -->
  <xsl:template name="pe:verdict-label">
    <xsl:param name="verdict" as="xs:string"/>
    <xsl:param name="long" as="xs:boolean" select="false()"/>
    <span class="pe-verdict-label pe-verdict-{$verdict}">
      <xsl:value-of select="pe:label('verdict-' || $verdict || (if ($long) then '-long' else ''))"/>
    </span>
  </xsl:template>

  <!-- what the verdicts mean, as a list (the claims table and every claim page) -->
  <xsl:template name="pe:verdict-legend">
    <div class="pe-verdict-key">
      <p class="pe-verdict-key-title"><xsl:value-of select="pe:label('verdict-legend')"/></p>
      <ul class="pe-verdict-legend">
        <xsl:for-each select="$pe:verdict-order">
          <li>
            <xsl:call-template name="pe:verdict-label">
              <xsl:with-param name="verdict" select="."/>
            </xsl:call-template>
            <xsl:text> </xsl:text>
            <xsl:value-of select="pe:label('verdict-' || . || '-long')"/>
          </li>
        </xsl:for-each>
      </ul>
    </div>
  </xsl:template>
</xsl:stylesheet>
