<?xml version="1.0" encoding="UTF-8"?>
<!--
  citation.xsl : how the edition cites itself (Chicago, BibTeX, CSL-JSON) and the machine
  metadata of a page (Highwire citation_* meta tags, schema.org JSON-LD).

  HOW TO USE
  * pe:cite-block($title, $path): the "Cite this page" <details> with Chicago and BibTeX text
    and a CSL-JSON download; layout.xsl puts it in every footer, so entry stylesheets need
    not call it.
  * pe:meta-tags($title, $path, $authors): citation_* meta elements for the page head
    (pass them to pe:page as $head).
  * pe:json-ld($map): a <script type="application/ld+json"> with the map serialized.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:pe="https://purges-edition.example/ns"
  exclude-result-prefixes="#all">

  <xsl:import href="functions.xsl"/>

  <!-- the page's URL if the site's address is known, else empty -->
  <xsl:function name="pe:page-url" as="xs:string?">
    <xsl:param name="path" as="xs:string"/>
    <xsl:sequence select="if ($site-base ne '') then $site-base || $path else ()"/>
  </xsl:function>

  <!-- Chicago (notes-bibliography) entry for a page of the edition -->
  <xsl:function name="pe:cite-chicago" as="xs:string">
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="path" as="xs:string"/>
    <xsl:sequence select="string-join((
      pe:label('publisher') || '.',
      '“' || $title || '.”',
      'In ' || pe:label('site-title') || ',',
      pe:label('cite-accessed', (pe:edition-version(), pe:build-date())) || '.',
      pe:page-url($path) ! (. || '.')), ' ')"/>
  </xsl:function>

  <!-- BibTeX entry; the key is stable (from the page path) -->
  <xsl:function name="pe:cite-bibtex" as="xs:string">
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="path" as="xs:string"/>
    <xsl:variable name="key" as="xs:string"
      select="'purges-' || replace(replace($path, '\.html$', ''), '[^A-Za-z0-9]+', '-')"/>
    <xsl:sequence select="string-join((
      '@misc{' || $key || ',',
      '  author = {{' || pe:label('publisher') || '}},',
      '  title = {{' || $title || '}},',
      '  howpublished = {' || pe:label('site-title') || '},',
      '  edition = {' || pe:edition-version() || '},',
      '  year = {' || substring(pe:build-date(), 1, 4) || '},',
      '  date = {' || pe:build-date() || '},',
      pe:page-url($path) ! ('  url = {' || . || '},'),
      '}'), '&#10;')"/>
  </xsl:function>

  <!-- CSL-JSON (an array with one item) -->
  <xsl:function name="pe:cite-csl" as="xs:string">
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="path" as="xs:string"/>
    <xsl:variable name="parts" as="xs:integer*"
      select="tokenize(pe:build-date(), '-')[. castable as xs:integer] ! xs:integer(.)"/>
    <xsl:variable name="item" as="map(*)" select="map:merge((
      map { 'id': 'purges-' || replace($path, '[^A-Za-z0-9]+', '-'),
            'type': 'webpage',
            'title': $title,
            'container-title': pe:label('site-title'),
            'author': [ map { 'literal': pe:label('publisher') } ],
            'publisher': pe:label('publisher'),
            'version': pe:edition-version(),
            'issued': map { 'date-parts': [ array { $parts } ] } },
      pe:page-url($path) ! map { 'URL': . }))"/>
    <xsl:sequence select="serialize([ $item ], map { 'method': 'json', 'indent': false() })"/>
  </xsl:function>

  <!-- the "Cite this page" block -->
  <xsl:function name="pe:cite-block" as="element()">
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="path" as="xs:string"/>
    <details class="cite">
      <summary><xsl:value-of select="pe:label('cite-this')"/></summary>
      <h2 class="cite-style"><xsl:value-of select="pe:label('cite-chicago')"/></h2>
      <p class="cite-chicago"><xsl:value-of select="pe:cite-chicago($title, $path)"/></p>
      <h2 class="cite-style"><xsl:value-of select="pe:label('cite-bibtex')"/></h2>
      <pre class="cite-bibtex"><xsl:value-of select="pe:cite-bibtex($title, $path)"/></pre>
      <p><a class="cite-csl" download="{replace(replace($path, '\.html$', ''), '[^A-Za-z0-9]+', '-')}.json"
          href="data:application/vnd.citationstyles.csl+json;charset=utf-8,{encode-for-uri(pe:cite-csl($title, $path))}">
        <xsl:value-of select="pe:label('cite-csl')"/></a></p>
    </details>
  </xsl:function>

  <!-- Highwire Press meta tags (read by Zotero and Google Scholar) -->
  <xsl:function name="pe:meta-tags" as="element()*">
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="path" as="xs:string"/>
    <xsl:param name="authors" as="xs:string*"/>
    <meta name="citation_title" content="{$title}"/>
    <xsl:for-each select="($authors, pe:label('publisher'))[1]">
      <meta name="citation_author" content="{.}"/>
    </xsl:for-each>
    <xsl:for-each select="$authors[position() gt 1]">
      <meta name="citation_author" content="{.}"/>
    </xsl:for-each>
    <meta name="citation_publication_date" content="{translate(pe:build-date(), '-', '/')}"/>
    <meta name="citation_publisher" content="{pe:label('publisher')}"/>
    <meta name="citation_book_title" content="{pe:label('site-title')}"/>
    <meta name="citation_language" content="en"/>
    <xsl:for-each select="pe:page-url($path)">
      <meta name="citation_public_url" content="{.}"/>
    </xsl:for-each>
  </xsl:function>

  <!-- schema.org JSON-LD; pass a map with at least '@type' and 'name'. Every '<' (only ever
       inside a JSON string) is written \u003c, so no text from a source (a closing script tag, a comment opener)
       can end or disturb the script element. -->
  <xsl:function name="pe:json-ld" as="element()">
    <xsl:param name="data" as="map(*)"/>
    <script type="application/ld+json">
      <xsl:value-of select="replace(serialize(map:merge(($data, map { '@context': 'https://schema.org' })),
        map { 'method': 'json', 'indent': false() }), '&lt;', '\\u003c')"/>
    </script>
  </xsl:function>
</xsl:stylesheet>
