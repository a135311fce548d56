<?xml version="1.0" encoding="UTF-8"?>
<!--
  indexes.xsl : the index pages, from tei/indexes/{persons,places,organisations}.xml and the
  mentions in tei/sources/*.xml.

  Writes (paths from functions.xsl):
  * indexes/index.html (pe:page-path('indexes')): the three indexes with their sizes;
  * indexes/{persons|places|organisations}/index.html: every entry in alphabetical order,
    grouped by initial letter, with its number of mentions;
  * indexes/{kind}/{id}.html (pe:entity-path): the entry (mode pe:entity-entry), every mention
    in every source in context, grouped by source and linked to its paragraph, and the
    contested claims whose readings name the entry; when more sources name it than a page
    holds, the mentions of the others are on numbered pages (indexes/{kind}/{id}/2.html …).
    Which sources each page lists is the catalogue's (entity/page, teipub/catalogue.py); run
    without a catalogue, an entry has one page.

  The build runs it in parts (parameter $part), each a transformation of its own that reads only
  the sources of its pages: 'lists' writes the indexes' home and lists, a number the entry pages
  the catalogue gives that part; '' (the default) writes every page.
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

  <!-- An entry page's main content (applied to tei:person | tei:place | tei:org). -->
  <xsl:mode name="pe:entry-page" on-no-match="shallow-skip"/>
  <!-- One mention in context (applied to persName | placeName | orgName in a source). -->
  <xsl:mode name="pe:mention" on-no-match="shallow-skip"/>

  <!-- which pages this transformation writes (see above) -->
  <xsl:param name="part" as="xs:string" select="''"/>

  <!-- words of context either side of a mention -->
  <xsl:param name="context-words" as="xs:integer" select="15"/>

  <!-- the indexes of the edition description ($pe:indexes), by the name of their pages -->
  <xsl:variable name="pe:index-kinds" as="xs:string*" select="$pe:indexes ! ?name"/>

  <!-- the entries of an index: its entry elements whose id has its prefix (so not the editors, ed-) -->
  <xsl:function name="pe:index-entries" as="element()*">
    <xsl:param name="kind" as="xs:string"/>
    <xsl:variable name="index" as="map(xs:string, xs:string)?" select="$pe:indexes[?name = $kind][1]"/>
    <xsl:sequence select="$index ! pe:doc(?file)//*[local-name() = $index?entry]
      [starts-with(@xml:id, $index?prefix || '-')]"/>
  </xsl:function>

  <!-- the pages of an entry: the catalogue's (each with the sigla whose mentions it lists), or
       one page of every source naming it -->
  <xsl:function name="pe:entry-pages" as="element(page)+">
    <xsl:param name="id" as="xs:string"/>
    <xsl:variable name="known" as="element(page)*" select="pe:cat-entity($id)/page"/>
    <xsl:choose>
      <xsl:when test="exists($known)"><xsl:sequence select="$known"/></xsl:when>
      <xsl:otherwise>
        <page n="1"><xsl:value-of select="distinct-values(pe:mentions($id) ! pe:siglum(.))"/></page>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- entity id -> the claim readings that name it (in the reading itself or in the spans it
       points to: the catalogue's names of the span, so that no source is read for them) -->
  <xsl:variable name="pe:claims-by-entity" as="map(xs:string, element(tei:rdg)*)" select="map:merge(
    for $rdg in pe:claims()//tei:app//tei:rdg,
        $id in (
          for $n in $rdg//(tei:persName | tei:placeName | tei:orgName), $r in pe:refs($n/@ref)
          return pe:pointer-id($r, $n),
          pe:span-names($rdg))
    return map:entry($id, $rdg),
    map { 'duplicates': 'combine' })"/>

  <!-- the ids of the entries named in the source spans a reading points to (@corresp) -->
  <xsl:function name="pe:span-names" as="xs:string*">
    <xsl:param name="rdg" as="element(tei:rdg)"/>
    <xsl:sequence select="if (exists($pe:catalogue))
      then tokenize($rdg/@corresp) ! pe:cat-span(string($rdg/ancestor::tei:app/@xml:id), substring-after(., '#'))/tokenize(@names)
      else for $n in pe:pointer-targets($rdg/@corresp, $rdg)/descendant-or-self::*
                 [self::tei:persName or self::tei:placeName or self::tei:orgName],
               $r in pe:refs($n/@ref)
           return pe:pointer-id($r, $n)"/>
  </xsl:function>

  <!-- ===================================================================== entry -->

  <xsl:template name="xsl:initial-template">
    <xsl:if test="$part = ('', 'lists')">
      <xsl:call-template name="pe:indexes-home"/>
      <xsl:for-each select="$pe:index-kinds">
        <xsl:call-template name="pe:index-list">
          <xsl:with-param name="kind" select="."/>
        </xsl:call-template>
      </xsl:for-each>
    </xsl:if>
    <xsl:for-each select="if ($part = 'lists') then () else $pe:index-kinds">
      <xsl:for-each select="pe:index-entries(.)">
        <xsl:variable name="entry" as="element()" select="."/>
        <xsl:variable name="all" as="element(page)+" select="pe:entry-pages(@xml:id)"/>
        <xsl:variable name="mine" as="element(page)*" select="$all[$part = '' or @part = $part]"/>
        <xsl:variable name="sources" as="xs:integer" select="if (empty($mine)) then 0 else pe:naming-count(@xml:id)"/>
        <xsl:variable name="total" as="xs:integer" select="if (empty($mine)) then 0 else pe:mention-count(@xml:id)"/>
        <xsl:variable name="pages" as="xs:integer" select="count($all)"/>
        <xsl:for-each select="$mine">
          <xsl:variable name="page" as="xs:integer" select="xs:integer(@n)"/>
          <xsl:variable name="path" as="xs:string" select="if ($page = 1) then pe:entity-path($entry/@xml:id)
            else pe:entity-page-path($entry/@xml:id, $page)"/>
          <xsl:result-document href="{$path}" format="pe:html">
            <xsl:call-template name="pe:page">
              <xsl:with-param name="path" select="$path"/>
              <xsl:with-param name="title" select="pe:entity-name($entry)
                || (if ($page gt 1) then ' (' || pe:label('entry-page', (string($page), string($pages))) || ')' else '')"/>
              <xsl:with-param name="current" select="pe:entity-kind($entry)"/>
              <xsl:with-param name="head" as="element()*">
                <link rel="stylesheet" href="{pe:root-of($path)}assets/claims.css"/>
              </xsl:with-param>
              <xsl:with-param name="body-class" select="'entry'"/>
              <!-- the entry is found on its first page; the others hold only mentions -->
              <xsl:with-param name="searchable" select="$page = 1"/>
              <xsl:with-param name="content" as="node()*">
                <xsl:apply-templates select="$entry" mode="pe:entry-page">
                  <xsl:with-param name="root" select="pe:root-of($path)" tunnel="yes"/>
                  <xsl:with-param name="page" select="$page"/>
                  <xsl:with-param name="pages" select="$pages"/>
                  <xsl:with-param name="shown" select="tokenize(.)"/>
                  <xsl:with-param name="sources" select="$sources"/>
                  <xsl:with-param name="total" select="$total"/>
                </xsl:apply-templates>
              </xsl:with-param>
            </xsl:call-template>
          </xsl:result-document>
        </xsl:for-each>
      </xsl:for-each>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="/" priority="-1">
    <xsl:call-template name="xsl:initial-template"/>
  </xsl:template>

  <!-- ===================================================================== lists -->

  <xsl:template name="pe:indexes-home">
    <xsl:variable name="path" as="xs:string" select="pe:page-path('indexes')"/>
    <xsl:result-document href="{$path}" format="pe:html">
      <xsl:call-template name="pe:page">
        <xsl:with-param name="path" select="$path"/>
        <xsl:with-param name="title" select="pe:label('indexes-title')"/>
        <xsl:with-param name="content" as="node()*">
          <h1><xsl:value-of select="pe:label('indexes-title')"/></h1>
          <p><xsl:value-of select="pe:label('indexes-intro')"/></p>
          <ul>
            <xsl:for-each select="$pe:index-kinds">
              <li>
                <a href="{pe:root-of($path) || pe:page-path(.)}"><xsl:value-of select="pe:label(. || '-title')"/></a>
                <xsl:value-of select="' (' || count(pe:index-entries(.)) || ')'"/>
              </li>
            </xsl:for-each>
          </ul>
        </xsl:with-param>
      </xsl:call-template>
    </xsl:result-document>
  </xsl:template>

  <xsl:template name="pe:index-list">
    <xsl:param name="kind" as="xs:string"/>
    <xsl:variable name="path" as="xs:string" select="pe:page-path($kind)"/>
    <xsl:variable name="root" as="xs:string" select="pe:root-of($path)"/>
    <xsl:variable name="entries" as="element()*" select="pe:index-entries($kind)"/>
    <xsl:result-document href="{$path}" format="pe:html">
      <xsl:call-template name="pe:page">
        <xsl:with-param name="path" select="$path"/>
        <xsl:with-param name="title" select="pe:label($kind || '-title')"/>
        <xsl:with-param name="current" select="$kind"/>
        <xsl:with-param name="head" as="element()*">
          <link rel="stylesheet" href="{$root}assets/claims.css"/>
        </xsl:with-param>
        <xsl:with-param name="body-class" select="'index'"/>
        <xsl:with-param name="content" as="node()*">
          <h1><xsl:value-of select="pe:label($kind || '-title')"/></h1>
          <p><xsl:value-of select="pe:label('index-intro', string(count($entries)))"/></p>
          <xsl:variable name="groups" as="map(xs:string, element()*)*">
            <xsl:for-each-group select="$entries" group-by="upper-case(substring(pe:entity-sort-key(.), 1, 1))">
              <xsl:sort select="current-grouping-key()"/>
              <xsl:sequence select="map { current-grouping-key(): current-group() }"/>
            </xsl:for-each-group>
          </xsl:variable>
          <nav class="pe-letters" aria-label="{pe:label('index-letters')}">
            <ul>
              <xsl:for-each select="$groups ! map:keys(.)">
                <li><a href="#letter-{.}"><xsl:value-of select="."/></a></li>
              </xsl:for-each>
            </ul>
          </nav>
          <xsl:for-each select="$groups">
            <xsl:variable name="letter" as="xs:string" select="map:keys(.)"/>
            <section aria-labelledby="letter-{$letter}">
              <h2 id="letter-{$letter}"><xsl:value-of select="$letter"/></h2>
              <ul class="pe-index-list">
                <xsl:for-each select="?*">
                  <xsl:sort select="pe:entity-sort-key(.)" lang="en"/>
                  <xsl:variable name="n" as="xs:integer" select="pe:mention-count(@xml:id)"/>
                  <li data-mentions="{$n}">
                    <a href="{$root || pe:entity-path(@xml:id)}"><xsl:value-of select="pe:entity-name(.)"/></a>
                    <xsl:variable name="variants" as="xs:string*" select="pe:entity-variants(.)"/>
                    <xsl:if test="exists($variants)">
                      <xsl:value-of select="' (' || string-join($variants, '; ') || ')'"/>
                    </xsl:if>
                    <xsl:text> · </xsl:text>
                    <span class="pe-count"><xsl:value-of select="
                      if ($n = 0) then pe:label('index-no-mentions') else pe:label('index-count', pe:counted($n, 'mention'))"/></span>
                  </li>
                </xsl:for-each>
              </ul>
            </section>
          </xsl:for-each>
        </xsl:with-param>
      </xsl:call-template>
    </xsl:result-document>
  </xsl:template>

  <!-- ===================================================================== entry page -->

  <xsl:template match="tei:person | tei:place | tei:org" mode="pe:entry-page">
    <xsl:param name="root" as="xs:string" tunnel="yes"/>
    <xsl:param name="page" as="xs:integer" select="1"/>
    <xsl:param name="pages" as="xs:integer" select="1"/>
    <!-- the sources whose mentions the page lists (reading order), how many sources name the
         entry, and its mentions in all: found once per entry, so that a page costs what it shows -->
    <xsl:param name="shown" as="xs:string*"/>
    <xsl:param name="sources" as="xs:integer"/>
    <xsl:param name="total" as="xs:integer"/>
    <xsl:variable name="kind" as="xs:string" select="pe:entity-kind(.)"/>
    <xsl:variable name="id" as="xs:string" select="@xml:id"/>
    <p class="pe-breadcrumb"><a href="{$root || pe:page-path($kind)}" data-pagefind-filter="{pe:label('search-filter-entity')}"><xsl:value-of select="pe:label($kind || '-title')"/></a></p>
    <h1 data-pagefind-filter="{pe:label('search-filter-page')}:{pe:label('search-page-entry')}"><xsl:value-of select="pe:entity-name(.)"/></h1>
    <section aria-labelledby="entry-h">
      <h2 id="entry-h" class="visually-hidden"><xsl:value-of select="pe:label('entity-index-entry')"/></h2>
      <xsl:apply-templates select="." mode="pe:entity-entry"/>
    </section>
    <section aria-labelledby="mentions-h" class="pe-mentions">
      <h2 id="mentions-h"><xsl:value-of select="pe:label('entry-mentions')"/></h2>
      <p><xsl:value-of select="pe:label('entry-mentions-intro', (pe:counted($total, 'mention'), pe:counted($sources, 'source')))"/></p>
      <xsl:if test="$pages gt 1">
        <nav class="pe-pager" aria-label="{pe:label('entry-pages')}">
          <ul>
            <xsl:for-each select="1 to $pages">
              <li><xsl:choose>
                <xsl:when test=". = $page"><span aria-current="page"><xsl:value-of select="."/></span></xsl:when>
                <xsl:otherwise><a href="{$root || (if (. = 1) then pe:entity-path($id) else pe:entity-page-path($id, .))}"><xsl:value-of select="."/></a></xsl:otherwise>
              </xsl:choose></li>
            </xsl:for-each>
          </ul>
        </nav>
      </xsl:if>
      <xsl:for-each-group select="pe:mentions-in($id, $shown)" group-by="pe:siglum(.)">
        <section aria-labelledby="m-{current-grouping-key()}" data-source="{current-grouping-key()}"
          data-source-title="{pe:source-title(current-grouping-key())}"
          data-pagefind-filter="{pe:label('search-filter-source')}[data-source-title]">
          <h3 id="m-{current-grouping-key()}">
            <xsl:value-of select="pe:label('entry-in-source', (pe:source-title(current-grouping-key()), string(count(current-group()))))"/>
          </h3>
          <p class="pe-forms">
            <xsl:value-of select="pe:label('entry-forms', string-join(distinct-values(
              current-group() ! pe:source-form(.)), '; '))"/>
          </p>
          <ol class="pe-mention-list">
            <xsl:apply-templates select="current-group()" mode="pe:mention"/>
          </ol>
        </section>
      </xsl:for-each-group>
    </section>
    <xsl:variable name="rdgs" as="element(tei:rdg)*" select="if ($page gt 1) then () else ($pe:claims-by-entity(@xml:id), ())/."/>
    <xsl:if test="exists($rdgs)">
      <section aria-labelledby="claims-h">
        <h2 id="claims-h"><xsl:value-of select="pe:label('entry-claims')"/></h2>
        <ul class="pe-entry-claims">
          <xsl:for-each-group select="$rdgs" group-by="ancestor::tei:app/@xml:id">
            <li>
              <a href="{$root || pe:claim-path(current-grouping-key())}">
                <xsl:value-of select="pe:claim-question(ancestor::tei:app)"/>
              </a>
              <ul>
                <xsl:for-each select="current-group()">
                  <li>
                    <xsl:choose>
                      <xsl:when test="parent::tei:rdgGrp/@type = 'scholarship'"><xsl:sequence select="pe:reading-cite-link(., $root)"/></xsl:when>
                      <xsl:otherwise><xsl:value-of select="pe:source-title(pe:reading-siglum(.))"/></xsl:otherwise>
                    </xsl:choose>
                    <xsl:value-of select="': ' || pe:reading-summary(.)"/>
                  </li>
                </xsl:for-each>
              </ul>
            </li>
          </xsl:for-each-group>
        </ul>
      </section>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:persName | tei:placeName | tei:orgName" mode="pe:mention">
    <xsl:param name="root" as="xs:string" tunnel="yes"/>
    <xsl:variable name="c" as="xs:string+" select="pe:mention-context(., $context-words)"/>
    <xsl:variable name="href" as="xs:string" select="pe:node-path(.)"/>
    <li>
      <!-- the words round the mention are a copy of the source's, which the search finds on the
           reading page (as it does the chronology's); the name as written is the entry's own -->
      <span class="pe-context"><span data-pagefind-ignore=""><xsl:value-of select="$c[1]"/></span><mark><xsl:value-of select="$c[2]"/></mark><span data-pagefind-ignore=""><xsl:value-of select="$c[3]"/></span></span>
      <xsl:if test="ancestor::tei:seg[@type = 'artefact']">
        <xsl:text> </xsl:text>
        <span class="pe-artefact-flag">(<xsl:value-of select="pe:label('entry-artefact')"/>)</span>
      </xsl:if>
      <xsl:text> </xsl:text>
      <a class="pe-context-link" href="{$root || $href}">
        <xsl:value-of select="pe:label('entry-context-link', pe:place-label(.))"/>
      </a>
    </li>
  </xsl:template>
</xsl:stylesheet>
