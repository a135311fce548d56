<?xml version="1.0" encoding="UTF-8"?>
<!--
  source.xsl : the reading page of one source (sources/{siglum}.html).

  Applied by the build to each tei/sources/*.xml (stage "sources"); the principal output is
  the page. The page: title and facts; the reading options (text view and highlighting, a
  form shown by the script; without it everything is shown, editorial layers marked); the
  source description (header.xsl); the text (text.xsl); the source's own footnotes; the
  apparatus of contested claims (one note per claim, rendered by mode pe:apparatus-note of
  apparatus.xsl); the index entries of every entity named (mode pe:entity-entry of names.xsl),
  which the script also shows as a panel when a name is followed.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:pe="https://purges-edition.example/ns"
  exclude-result-prefixes="#all">

  <xsl:import href="modules/layout.xsl"/>
  <xsl:import href="modules/header.xsl"/>
  <xsl:import href="modules/apparatus.xsl"/>
  <xsl:import href="modules/sigla.xsl"/>

  <!-- The entry mode: only the document node is matched. -->
  <xsl:mode on-no-match="shallow-skip"/>

  <!-- the highlight switches: entity type -> label key -->
  <xsl:variable name="pe:highlights" as="array(xs:string)+" select="
    ['person', 'hl-person'], ['place', 'hl-place'], ['org', 'hl-org'],
    ['date', 'hl-date'], ['num', 'hl-num'], ['claim', 'hl-claim']"/>
  <!-- what a reading page highlights when it opens: the contested claims only; the other layers on demand -->
  <xsl:variable name="pe:highlights-default" as="xs:string+" select="'claim'"/>

  <xsl:template match="/">
    <xsl:variable name="siglum" as="xs:string" select="pe:siglum(.)"/>
    <xsl:variable name="path" as="xs:string" select="pe:source-path($siglum)"/>
    <xsl:variable name="root" as="xs:string" select="pe:root-of($path)"/>
    <!-- the page is named by the source's one short title (tei/edition.xml), as everywhere -->
    <xsl:variable name="title" as="xs:string" select="pe:source-title($siglum)"/>
    <xsl:call-template name="pe:page">
      <xsl:with-param name="path" select="$path"/>
      <xsl:with-param name="title" select="$title"/>
      <xsl:with-param name="current" select="'sources'"/>
      <xsl:with-param name="body-class" select="'page-source'"/>
      <xsl:with-param name="description" select="string-join(($title,
        string-join(pe:genre(.) ! pe:term-label(.), ', '), pe:source-date(.))[. ne ''], ' · ')"/>
      <xsl:with-param name="head" as="element()*">
        <link rel="alternate" type="application/tei+xml" href="{$root}downloads/{$siglum}.xml"/>
        <!-- the apparatus notes and index entries share their styles with the claims pages -->
        <link rel="stylesheet" href="{$root}assets/claims.css"/>
        <link rel="stylesheet" href="{$root}assets/reader.css"/>
        <xsl:sequence select="pe:meta-tags($title, $path, ())"/>
        <xsl:sequence select="pe:json-ld(pe:source-json-ld(., $path))"/>
      </xsl:with-param>
      <xsl:with-param name="content" as="node()*">
        <xsl:apply-templates select="tei:TEI" mode="pe:reading-page">
          <xsl:with-param name="root" select="$root" tunnel="yes"/>
          <xsl:with-param name="current" select="$siglum" tunnel="yes"/>
        </xsl:apply-templates>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- The parts of the reading page, applied to the tei:TEI of a source. -->
  <xsl:mode name="pe:reading-page" on-no-match="shallow-skip"/>

  <xsl:template match="tei:TEI" mode="pe:reading-page">
    <xsl:param name="root" as="xs:string" tunnel="yes"/>
    <xsl:variable name="siglum" as="xs:string" select="string(@xml:id)"/>
    <article id="reading" data-siglum="{$siglum}" data-label-close="{pe:label('entity-close')}"
      data-label-note="{pe:label('note-panel')}" data-label-margin="{pe:label('margin-notes')}"
      class="reading view-all {string-join($pe:highlights[?1 = $pe:highlights-default] ! ('hl-' || ?1), ' ')}"
      data-source-title="{pe:source-title($siglum)}"
      data-pagefind-filter="{pe:label('search-filter-source')}[data-source-title]">
      <header class="source-head">
        <h1 data-pagefind-filter="{pe:label('search-filter-page')}:{pe:label('search-page-reading')}"><xsl:call-template name="pe:source-name">
          <xsl:with-param name="siglum" select="$siglum"/><xsl:with-param name="link" select="false()"/></xsl:call-template></h1>
        <p class="source-fulltitle"><xsl:value-of select="pe:doc-title(.)"/></p>
        <p class="source-badges">
          <xsl:for-each select="pe:genre(.)">
            <span class="badge badge-genre" data-pagefind-filter="{pe:label('search-filter-genre')}"><xsl:value-of select="pe:term-label(.)"/></span><xsl:text> </xsl:text>
          </xsl:for-each>
          <xsl:for-each select="pe:source-date(.)[. ne '']">
            <span class="badge badge-date"><xsl:value-of select="."/></span><xsl:text> </xsl:text>
          </xsl:for-each>
          <xsl:for-each select="pe:stance(.)">
            <span class="badge badge-stance stance-{.}"><xsl:value-of select="pe:term-label(.)"/></span><xsl:text> </xsl:text>
          </xsl:for-each>
          <a class="source-download" href="{$root}downloads/{$siglum}.xml" type="application/tei+xml"
            download=""><xsl:value-of select="pe:label('download-tei')"/></a>
        </p>
      </header>
      <!-- the toolbar: what the reader may open before the text, folded so that the text begins
           on the first screen of a phone (the script opens the options and contents on wide screens) -->
      <div class="reading-toolbar" data-pagefind-ignore="all">
        <details class="source-description" id="source-description">
          <summary><h2 id="sd-heading"><xsl:value-of select="pe:label('source-description')"/></h2></summary>
          <xsl:apply-templates select="tei:teiHeader" mode="pe:header"/>
        </details>
        <xsl:call-template name="pe:reading-controls"/>
        <xsl:apply-templates select="tei:text" mode="pe:toc"/>
      </div>
      <!-- the source's own words weigh more in the search index than the page's lists (item 11) -->
      <section class="source-text" aria-labelledby="text-heading" data-pagefind-weight="8">
        <h2 id="text-heading" class="visually-hidden"><xsl:value-of select="pe:label('text')"/></h2>
        <xsl:apply-templates select="tei:text" mode="pe:text"/>
      </section>
      <xsl:if test="tei:text//tei:note[pe:note-kind(.) = 'footnote']">
        <section class="footnotes" aria-labelledby="fn-heading" data-pagefind-weight="8">
          <h2 id="fn-heading"><xsl:value-of select="pe:label('footnotes')"/></h2>
          <ol><xsl:apply-templates select="tei:text//tei:note[pe:note-kind(.) = 'footnote']" mode="pe:footnote"/></ol>
        </section>
      </xsl:if>
      <xsl:if test="tei:text//tei:note[pe:note-kind(.) = 'editorial']">
        <section class="footnotes editorial-notes" aria-labelledby="edn-heading">
          <h2 id="edn-heading"><xsl:value-of select="pe:label('editorial-notes')"/></h2>
          <ol class="letters"><xsl:apply-templates select="tei:text//tei:note[pe:note-kind(.) = 'editorial']" mode="pe:footnote"/></ol>
        </section>
      </xsl:if>
      <xsl:call-template name="pe:apparatus"/>
      <xsl:call-template name="pe:entities"/>
    </article>
  </xsl:template>

  <!-- The reading options: a real form; hidden until the script can act on it. -->
  <xsl:template name="pe:reading-controls">
    <details class="reading-options" id="reading-options" hidden="">
    <summary><h2 id="ro-heading"><xsl:value-of select="pe:label('reading-options')"/></h2></summary>
    <form class="reading-controls" id="reading-controls" hidden="" aria-labelledby="ro-heading">
      <fieldset class="view-switch">
        <legend><xsl:value-of select="pe:label('view')"/></legend>
        <label><input type="radio" name="view" value="edited" checked=""/>
          <xsl:text> </xsl:text><xsl:value-of select="pe:label('view-edited')"/></label>
        <label><input type="radio" name="view" value="diplomatic"/>
          <xsl:text> </xsl:text><xsl:value-of select="pe:label('view-diplomatic')"/></label>
      </fieldset>
      <fieldset class="highlight-switch">
        <legend><xsl:value-of select="pe:label('highlight')"/></legend>
        <xsl:for-each select="$pe:highlights">
          <label class="hl-label hl-label-{?1}"><input type="checkbox" name="highlight" value="{?1}">
              <xsl:if test="?1 = $pe:highlights-default"><xsl:attribute name="checked" select="''"/></xsl:if></input>
            <xsl:text> </xsl:text><xsl:value-of select="pe:label(?2)"/></label>
        </xsl:for-each>
      </fieldset>
    </form>
    </details>
  </xsl:template>

  <!-- contents of the text (only when it has more than one heading) -->
  <xsl:mode name="pe:toc" on-no-match="shallow-skip"/>

  <xsl:template match="tei:text" mode="pe:toc">
    <xsl:variable name="heads" as="element()*" select="tei:body//tei:div/tei:head[@xml:id]"/>
    <xsl:if test="count($heads) gt 1">
      <details class="toc" id="toc">
        <summary><h2 id="toc-heading"><xsl:value-of select="pe:label('contents')"/></h2></summary>
        <nav aria-labelledby="toc-heading"><ol>
          <xsl:for-each select="$heads">
            <li class="toc-level-{count(ancestor::tei:div)}"><a href="#{@xml:id}">
              <xsl:value-of select="normalize-space(string-join(.//text()[not(ancestor::tei:sic
                or ancestor::tei:orig or ancestor::tei:seg[@type = 'artefact'])], ''))"/></a></li>
          </xsl:for-each>
        </ol></nav>
      </details>
    </xsl:if>
  </xsl:template>

  <!-- the spans of the text that point at a claim, by its id (the apparatus's links back to the
       text: found once, not by reading the whole text for every claim) -->
  <xsl:key name="pe:claim-spans" match="tei:text//*[@ana]" use="pe:claim-ids(.)"/>

  <!-- the apparatus: one note per claim referred to in this text -->
  <xsl:template name="pe:apparatus">
    <xsl:variable name="doc" as="element()" select="."/>
    <xsl:variable name="claims" as="xs:string*" select="pe:page-claims(root())"/>
    <xsl:if test="exists($claims)">
      <!-- not indexed for search: each claim has its own page, which the search finds; indexed here
           it would bury the reading page under its own notes (item 11) -->
      <section class="apparatus" id="apparatus" aria-labelledby="app-heading" data-pagefind-ignore="all">
        <h2 id="app-heading"><xsl:value-of select="pe:label('apparatus')"/></h2>
        <p class="apparatus-intro"><xsl:value-of select="pe:label('apparatus-intro')"/></p>
        <xsl:call-template name="pe:sigla-legend"/>
        <ol class="app-notes">
          <xsl:for-each select="$claims">
            <xsl:variable name="claim-id" as="xs:string" select="."/>
            <xsl:variable name="app" as="element()?" select="pe:resolve('claim:' || substring-after(., 'claim-'))"/>
            <li class="app-note" id="note-{$claim-id}" value="{position()}" tabindex="-1">
              <xsl:choose>
                <xsl:when test="$app">
                  <xsl:apply-templates select="$app" mode="pe:apparatus-note"/>
                </xsl:when>
                <xsl:otherwise>
                  <p class="app-missing"><xsl:value-of select="$claim-id"/></p>
                </xsl:otherwise>
              </xsl:choose>
              <p class="back-links"><xsl:value-of select="pe:label('back-to-text')"/>:
                <xsl:for-each select="key('pe:claim-spans', $claim-id, root($doc))">
                  <xsl:text> </xsl:text>
                  <a href="#{if (pe:sign-shown(., $claim-id)) then pe:sign-id(., $claim-id) else @xml:id}" class="back-link">↑<xsl:if test="last() gt 1">
                    <xsl:value-of select="position()"/></xsl:if></a>
                </xsl:for-each>
              </p>
            </li>
          </xsl:for-each>
        </ol>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- the index entries of every entity named in the text (shown by the script as panels) -->
  <xsl:template name="pe:entities">
    <xsl:param name="root" as="xs:string" tunnel="yes"/>
    <xsl:variable name="refs" as="xs:string*" select="distinct-values(
      tei:text//(tei:persName | tei:placeName | tei:orgName)/pe:refs(@ref)[1])"/>
    <xsl:variable name="entries" as="element()*" select="($refs ! pe:resolve(.)) / ."/>
    <xsl:if test="exists($entries)">
      <section class="entities" id="entities" aria-labelledby="ent-heading">
        <h2 id="ent-heading"><xsl:value-of select="pe:label('entities-on-page')"/></h2>
        <ul class="entity-list">
          <xsl:for-each select="$entries">
            <xsl:sort select="local-name()"/>
            <xsl:sort select="lower-case(normalize-space((*[@type = ('preferred', 'main')], tei:persName, tei:placeName, tei:orgName)[1]))"/>
            <li class="entity-entry entity-{local-name()}" id="entry-{@xml:id}">
              <xsl:apply-templates select="." mode="pe:entity-entry"/>
              <xsl:call-template name="pe:entity-mentions"/>
              <p class="entity-link"><a href="{$root}{pe:entity-path(@xml:id)}"><xsl:value-of select="pe:label('entity-index-entry')"/></a></p>
            </li>
          </xsl:for-each>
        </ul>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- every name element, by the index id it points to (only without a catalogue) -->
  <xsl:key name="pe:mentions" match="tei:persName | tei:placeName | tei:orgName" use="pe:refs(@ref) ! pe:ref-id(.)"/>

  <!-- which sources name the entity (the context item), with counts and links: the first ones
       the catalogue lists (teipub/catalogue.py, MENTION_SOURCES), then how many others, linked
       to the index entry that lists every mention -->
  <xsl:template name="pe:entity-mentions">
    <xsl:param name="root" as="xs:string" tunnel="yes"/>
    <xsl:variable name="id" as="xs:string" select="string(@xml:id)"/>
    <xsl:variable name="line" as="element()?" select="if (exists($pe:catalogue))
      then pe:cat-entity($id) else pe:mention-line($id)"/>
    <xsl:variable name="others" as="xs:integer" select="xs:integer(($line/@sources, 0)[1]) - count($line/in)"/>
    <p class="entity-mentions"><xsl:value-of select="pe:label('entity-mentions')"/>
      <xsl:for-each select="$line/in">
        <xsl:value-of select="if (position() = 1) then ' ' else '; '"/>
        <a href="{$root}{pe:source-path(@siglum)}"><xsl:value-of select="pe:source-title(@siglum)"/></a>
        <xsl:value-of select="' (' || @count || ')'"/>
      </xsl:for-each>
      <xsl:if test="$others gt 0">
        <xsl:text>; </xsl:text>
        <a href="{$root}{pe:entity-path($id)}"><xsl:value-of select="pe:label('and') || ' ' || pe:counted($others, 'more-source')"/></a>
      </xsl:if>
    </p>
  </xsl:template>

  <!-- without a catalogue (a page transformed by hand): the line of one entity from every source -->
  <xsl:function name="pe:mention-line" as="element()?">
    <xsl:param name="id" as="xs:string"/>
    <xsl:variable name="naming" as="document-node()*" select="pe:sources()[exists(key('pe:mentions', $id, .))]"/>
    <xsl:if test="exists($naming)">
      <entity id="{$id}" sources="{count($naming)}">
        <xsl:for-each select="$naming">
          <in siglum="{pe:siglum(.)}" title="{normalize-space((//tei:sourceDesc/tei:bibl/tei:title)[1])}"
            count="{count(key('pe:mentions', $id, .))}"/>
        </xsl:for-each>
      </entity>
    </xsl:if>
  </xsl:function>

  <!-- schema.org description of the reading page -->
  <xsl:function name="pe:source-json-ld" as="map(*)">
    <xsl:param name="doc" as="document-node()"/>
    <xsl:param name="path" as="xs:string"/>
    <xsl:variable name="bibl" as="element()?" select="($doc//tei:sourceDesc/tei:bibl)[1]"/>
    <xsl:sequence select="map:merge((
      map { '@type': 'CreativeWork',
            'name': pe:source-title(pe:siglum($doc)),
            'inLanguage': 'en',
            'version': pe:edition-version(),
            'dateModified': pe:build-date(),
            'license': $pe:licence,
            'publisher': map { '@type': 'Organization', 'name': pe:label('publisher') },
            'isPartOf': map { '@type': 'CreativeWork', 'name': pe:label('site-title') },
            'encodingFormat': 'text/html' },
      pe:page-url($path) ! map { 'url': . },
      if (exists(pe:genre($doc))) then map { 'genre': string-join(pe:genre($doc), ', ') } else (),
      if ($bibl) then map { 'isBasedOn': map:merge((
        map { '@type': 'CreativeWork', 'name': normalize-space(($bibl/tei:title)[1]) },
        ($bibl/tei:author)[1] ! map { 'author': normalize-space(.) },
        ($bibl/tei:date/@when)[1] ! map { 'dateCreated': string(.) },
        ($bibl/tei:idno[@type = 'url'])[1] ! map { 'url': normalize-space(.) })) } else ()))"/>
  </xsl:function>
</xsl:stylesheet>
