<?xml version="1.0" encoding="UTF-8"?>
<!--
  citation.xsl : how the edition cites itself (Chicago, BibTeX, CSL-JSON) and the machine
  metadata of a page (Highwire citation_* meta tags, schema.org JSON-LD).

  HOW TO USE
  * pe:cite-block($title, $path): the "Cite this page" <details> with Chicago, BibTeX and RIS
    text and CSL-JSON and RIS downloads; layout.xsl puts it in every footer, so entry
    stylesheets need not call it. pe:cite-texts(…, 'h3') gives the same texts for a page body.
  * Every citation carries the stable URL (pe:page-url), the version and an access date,
    filled in by assets/cite.js at view time (see pe:access-placeholder).
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

  <!-- the page's stable URL (pe:site-base(): the build's address or the edition's declared one),
       or empty if neither is known -->
  <xsl:function name="pe:page-url" as="xs:string?">
    <xsl:param name="path" as="xs:string"/>
    <xsl:sequence select="if (pe:site-base() ne '') then pe:site-base() || $path else ()"/>
  </xsl:function>

  <!-- The access date. The build is deterministic (no clock), so a citation carries the
       placeholder pe:label('cite-visit-date') inside an element with data-access="chicago |
       iso | ris"; assets/cite.js writes the reader's date there at view time in that format.
       Without JavaScript the placeholder is what the reader sees (and fills in). -->
  <xsl:function name="pe:access-placeholder" as="xs:string">
    <xsl:sequence select="pe:label('cite-visit-date')"/>
  </xsl:function>

  <!-- BibTeX/RIS key: stable, from the page path -->
  <xsl:function name="pe:cite-key" as="xs:string">
    <xsl:param name="path" as="xs:string"/>
    <xsl:sequence select="'purges-' || replace(replace($path, '\.html$', ''), '[^A-Za-z0-9]+', '-')"/>
  </xsl:function>

  <!-- Chicago (notes-bibliography, a page of a website): author, title, website, version and
       date, access date, URL -->
  <xsl:function name="pe:cite-chicago" as="xs:string">
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="path" as="xs:string"/>
    <xsl:sequence select="string-join((
      pe:label('publisher') || '.',
      '“' || pe:sentence($title) || '”',
      'In ' || pe:label('site-title') || ',',
      pe:label('cite-accessed', (pe:edition-version(), pe:build-date())) || '.',
      pe:label('cite-accessed-on', pe:access-placeholder()),
      pe:page-url($path) ! (. || '.')), ' ')"/>
  </xsl:function>

  <!-- BibTeX (biblatex fields: version, urldate) -->
  <xsl:function name="pe:cite-bibtex" as="xs:string">
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="path" as="xs:string"/>
    <xsl:sequence select="string-join((
      '@misc{' || pe:cite-key($path) || ',',
      '  author = {{' || pe:label('publisher') || '}},',
      '  title = {{' || $title || '}},',
      '  howpublished = {' || pe:label('site-title') || '},',
      '  edition = {' || pe:edition-version() || '},',
      '  version = {' || pe:edition-version() || '},',
      '  year = {' || substring(pe:build-date(), 1, 4) || '},',
      '  date = {' || pe:build-date() || '},',
      pe:page-url($path) ! ('  url = {' || . || '},'),
      '  urldate = {' || pe:access-placeholder() || '},',
      '}'), '&#10;')"/>
  </xsl:function>

  <!-- RIS (Zotero, EndNote): ELEC record; Y2 is the access date -->
  <xsl:function name="pe:cite-ris" as="xs:string">
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="path" as="xs:string"/>
    <xsl:sequence select="string-join((
      'TY  - ELEC',
      'ID  - ' || pe:cite-key($path),
      'AU  - ' || pe:label('publisher'),
      'TI  - ' || $title,
      'T2  - ' || pe:label('site-title'),
      'ET  - ' || pe:edition-version(),
      'PY  - ' || substring(pe:build-date(), 1, 4),
      'DA  - ' || translate(pe:build-date(), '-', '/'),
      'PB  - ' || pe:label('publisher'),
      pe:page-url($path) ! ('UR  - ' || .),
      'Y2  - ' || pe:access-placeholder(),
      'ER  - ', ''), '&#10;')"/>
  </xsl:function>

  <!-- CSL-JSON (an array with one item); assets/cite.js adds 'accessed' at view time -->
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

  <!-- the citation texts of a page, with the access placeholder marked for cite.js -->
  <xsl:function name="pe:cite-texts" as="element()*">
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="path" as="xs:string"/>
    <xsl:param name="heading" as="xs:string"/>
    <xsl:variable name="file" as="xs:string" select="replace(replace($path, '\.html$', ''), '[^A-Za-z0-9]+', '-')"/>
    <xsl:element name="{$heading}"><xsl:attribute name="class" select="'cite-style'"/><xsl:value-of select="pe:label('cite-chicago')"/></xsl:element>
    <p class="cite-chicago" data-access="chicago"><xsl:value-of select="pe:cite-chicago($title, $path)"/></p>
    <xsl:element name="{$heading}"><xsl:attribute name="class" select="'cite-style'"/><xsl:value-of select="pe:label('cite-bibtex')"/></xsl:element>
    <pre class="cite-bibtex" data-access="iso"><xsl:value-of select="pe:cite-bibtex($title, $path)"/></pre>
    <xsl:element name="{$heading}"><xsl:attribute name="class" select="'cite-style'"/><xsl:value-of select="pe:label('cite-ris')"/></xsl:element>
    <pre class="cite-ris" data-access="ris"><xsl:value-of select="pe:cite-ris($title, $path)"/></pre>
    <p class="cite-downloads">
      <a class="cite-csl" download="{$file}.json"
        href="data:application/vnd.citationstyles.csl+json;charset=utf-8,{encode-for-uri(pe:cite-csl($title, $path))}">
        <xsl:value-of select="pe:label('cite-csl')"/></a>
      <xsl:text> · </xsl:text>
      <a class="cite-ris-file" download="{$file}.ris" data-access="ris"
        href="data:application/x-research-info-systems;charset=utf-8,{encode-for-uri(pe:cite-ris($title, $path))}">
        <xsl:value-of select="pe:label('cite-ris-download')"/></a>
    </p>
    <p class="cite-access-note"><xsl:value-of select="pe:label('cite-access-note')"/></p>
  </xsl:function>

  <!-- the "Cite this page" block -->
  <xsl:function name="pe:cite-block" as="element()">
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="path" as="xs:string"/>
    <details class="cite">
      <summary><xsl:value-of select="pe:label('cite-this')"/></summary>
      <xsl:sequence select="pe:cite-texts($title, $path, 'h2')"/>
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
