<?xml version="1.0" encoding="UTF-8"?>
<!--
  functions.xsl : where the edition decides things (find a document, resolve a pointer, build
  a link, describe a date). Templates elsewhere only render what these functions decide.

  HOW TO USE
  * Imported by layout.xsl (which every entry stylesheet imports); brings params.xsl and
    labels.xsl with it.
  * The collection:  pe:sources() (the source documents in reading order), pe:source-headers()
    (the same, as far as their teiHeaders: for pages that show only what the headers say),
    pe:project-paragraphs() (the edition's description of its project),
    pe:doc('indexes/persons.xml'), pe:claims(), pe:bibliography(), pe:index-doc('places') (an index
    of $pe:indexes by name), pe:persons() (the index of the editors) : each is empty when the
    collection has no such file.
  * Pointers:  pe:resolve('per:yezhov') is the index entry element (person xml:id="per-yezhov");
    pe:ref-id('claim:expelled-1933') = 'claim-expelled-1933'; pe:ref-kind('org:nkvd') = 'org'.
  * THE SITE'S PATHS (every link and every xsl:result-document/@href goes through these, so
    a page is written exactly where the others link to it):
      pe:page-path('claims')          claims/index.html          (also 'home', the name of each
                                       index of $pe:indexes ('persons'), 'indexes', 'chronology',
                                       'method', 'guidelines', 'about', 'licence', 'cite')
      pe:entity-path('per-yezhov')    indexes/persons/per-yezhov.html
      pe:entity-path('pla-moscow')    indexes/places/pla-moscow.html
      pe:entity-path('org-nkvd')      indexes/organisations/org-nkvd.html
      pe:claim-path('claim-x')        claims/claim-x.html
      pe:source-path('sample')        sources/sample.html
      pe:ref-path('per:yezhov')       any private URI (per: pla: org: claim: bib: ed:) to its page
      pe:corresp-path('sources/sample.xml#sample-num7')   sources/sample.html#sample-num7
      pe:node-path($element)          the reading page and anchor of any element in a source
    Prefix a path with $root (the relative way back to the site root) when linking:
      <a href="{$root || pe:entity-path('per-yezhov')}">
  * pe:date-label($date) describes a tei:date (when/from/to/notBefore/notAfter) in words.
  * pe:build-date() and pe:edition-version() are what every footer prints.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:pe="https://purges-edition.example/ns"
  xmlns:err="http://www.w3.org/2005/xqt-errors"
  exclude-result-prefixes="#all">

  <xsl:import href="labels.xsl"/>
  <xsl:import href="catalogue.xsl"/>

  <!-- Every element with an xml:id, by id (ids are unique across the collection). -->
  <xsl:key name="pe:id" match="*[@xml:id]" use="@xml:id"/>

  <!-- site pages that are not one-per-entity (the list of each index of $pe:indexes by its name) -->
  <xsl:variable name="pe:pages" as="map(xs:string, xs:string)" select="map:merge((map {
    'home': 'index.html', 'claims': 'claims/index.html', 'indexes': 'indexes/index.html',
    'chronology': 'chronology.html',
    'method': 'method.html', 'guidelines': 'guidelines.html', 'about': 'about.html',
    'licence': 'licence.html', 'cite': 'cite.html', 'search': 'search.html',
    'bibliography': 'bibliography.html', 'not-found': '404.html',
    'downloads': 'downloads/' }, $pe:indexes ! map { ?name: 'indexes/' || ?name || '/index.html' }))"/>

  <!-- ======================================================== the collection -->

  <!-- pe:doc($path): a collection document by its path under tei/, or empty if absent, if the
       path is no URI, or if it leads outside the collection (a siglum taken from a hostile
       @wit such as '../../../../x' or 'file:///x'). -->
  <xsl:function name="pe:doc" as="document-node()?">
    <xsl:param name="path" as="xs:string"/>
    <xsl:variable name="uri" as="xs:string?">
      <xsl:try select="string(resolve-uri($path, $tei-root))">
        <xsl:catch errors="err:FORG0002 err:FORG0001 err:FORG0009" select="()"/>
      </xsl:try>
    </xsl:variable>
    <xsl:sequence select="if (exists($uri) and pe:inside-collection($uri) and doc-available($uri))
      then doc($uri) else ()"/>
  </xsl:function>

  <!-- pe:inside-collection($uri): true when $uri names a file: inside $tei-root, so a pointer
       in a source ('file:///etc/passwd', '../../../../x.xml', 'http://…', a prefixDef whose
       replacement leads elsewhere, '%2e%2e' segments) can never make the build read anything
       outside the collection. resolve-uri() has already removed '.' and '..' segments; escaped
       characters and backslashes are refused because the file system would decode them. -->
  <xsl:function name="pe:inside-collection" as="xs:boolean">
    <xsl:param name="uri" as="xs:string"/>
    <xsl:variable name="path" as="xs:string" select="replace($uri, '^file:/+', '/')"/>
    <xsl:variable name="root" as="xs:string" select="replace($tei-root, '^file:/+', '/')"/>
    <xsl:sequence select="starts-with($uri, 'file:') and starts-with($path, $root)
      and not(matches(substring($path, string-length($root) + 1), '[%\\]'))"/>
  </xsl:function>

  <!-- pe:sources(): the source documents that exist, in the order of $sigla. -->
  <xsl:function name="pe:sources" as="document-node()*">
    <xsl:sequence select="tokenize($sigla) ! pe:doc('sources/' || . || '.xml')"/>
  </xsl:function>

  <!-- pe:source-headers(): each source as far as its teiHeader (its root element and header), in
       the order of $sigla, for a page that shows only what the headers say: the build's copies
       ($headers), so that such a page reads a tenth of each source; else the sources. -->
  <xsl:function name="pe:source-headers" as="document-node()*">
    <xsl:sequence select="if ($headers eq '') then pe:sources()
      else tokenize($sigla) ! (if (doc-available($headers || . || '.xml')) then doc($headers || . || '.xml') else ())"/>
  </xsl:function>

  <!-- pe:project-paragraphs(): what the edition says of its project, the paragraphs of the
       edition description's projectDesc, else of the first source's that has one. -->
  <xsl:function name="pe:project-paragraphs" as="element(tei:p)*">
    <xsl:sequence select="($pe:edition//tei:projectDesc, pe:source-headers()//tei:projectDesc)[1]/tei:p"/>
  </xsl:function>

  <xsl:function name="pe:claims" as="document-node()?">
    <xsl:sequence select="pe:doc('claims.xml')"/>
  </xsl:function>
  <xsl:function name="pe:bibliography" as="document-node()?">
    <xsl:sequence select="pe:doc('bibliography.xml')"/>
  </xsl:function>
  <!-- pe:index-doc('persons'): the file of an index of $pe:indexes, by its name -->
  <xsl:function name="pe:index-doc" as="document-node()?">
    <xsl:param name="name" as="xs:string"/>
    <xsl:sequence select="$pe:indexes[?name = $name] ! pe:doc(?file)"/>
  </xsl:function>
  <!-- the index whose entries carry the edition's editors (ed-…): the one declaring a person entry -->
  <xsl:function name="pe:persons" as="document-node()?">
    <xsl:sequence select="$pe:indexes[?entry = 'person'][1] ! pe:doc(?file)"/>
  </xsl:function>

  <!-- pe:siglum($node): the siglum of the source a node belongs to (its TEI/@xml:id). -->
  <xsl:function name="pe:siglum" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="string(root($node)/*/@xml:id)"/>
  </xsl:function>

  <!-- ======================================================== pointers -->

  <!-- 'per:yezhov' -> 'per'; '#x' or a plain path -> '' -->
  <xsl:function name="pe:ref-kind" as="xs:string">
    <xsl:param name="ref" as="xs:string"/>
    <xsl:sequence select="if (matches($ref, '^[a-z]+:[^/]')) then substring-before($ref, ':') else ''"/>
  </xsl:function>

  <!-- 'per:yezhov' -> 'per-yezhov'; 'ed:encoding' -> 'ed-encoding'; '#x' -> 'x' -->
  <xsl:function name="pe:ref-id" as="xs:string">
    <xsl:param name="ref" as="xs:string"/>
    <xsl:sequence select="
      if (starts-with($ref, '#')) then substring($ref, 2)
      else if (pe:ref-kind($ref) ne '') then pe:ref-kind($ref) || '-' || substring-after($ref, ':')
      else substring-after($ref, '#')"/>
  </xsl:function>

  <!-- pe:resolve($ref): the element a private URI points at, or empty: through the catalogue
       (a page's slice carries copies of the register's elements the page shows),
       else (a hand run) through the listPrefixDef of the register or the first source declaring its prefix. -->
  <xsl:function name="pe:resolve" as="element()?">
    <xsl:param name="ref" as="xs:string"/>
    <xsl:variable name="known" as="element(pointer)?" select="pe:cat-pointer($ref)"/>
    <xsl:variable name="copy" as="element()?" select="$pe:catalogue ! key('pe:id', string($known/@id), .)[1]"/>
    <xsl:sequence select="if (exists($copy)) then $copy
      else if (exists($known)) then pe:doc($known/@file) ! key('pe:id', $known/@id, .)[1]
      else (pe:claims(), pe:sources())[.//tei:prefixDef/@ident = pe:ref-kind($ref)][1] ! pe:pointer-target($ref, .)"/>
  </xsl:function>

  <!-- ===================================================================== pointers -->

  <!-- pe:pointer-uri($pointer, $context): the absolute URI a pointer stands for. A private URI
       ('per:yezhov') is looked up in the catalogue, where the collect stage expanded it once
       through listPrefixDef (teipub/pointers.py); without a catalogue (a hand run, a unit test)
       it is expanded here through the listPrefixDef of the file $context belongs to
       (ENCODING.md §2). '#id' points into the same file; anything else is a relative or
       absolute URI.
       pe:pointer-target($pointer, $context): the element the pointer points to, or () (also
       when it leads outside the collection: pe:inside-collection).
       pe:pointer-id($pointer, $context): the xml:id the pointer points to (the fragment), or ''. -->
  <xsl:function name="pe:pointer-uri" as="xs:anyURI?">
    <xsl:param name="pointer" as="xs:string"/>
    <xsl:param name="context" as="node()"/>
    <xsl:variable name="known" as="element(pointer)?" select="pe:cat-pointer($pointer)"/>
    <xsl:variable name="prefix" as="xs:string" select="substring-before($pointer, ':')"/>
    <xsl:variable name="def" as="element(tei:prefixDef)?"
      select="(root($context)//tei:listPrefixDef/tei:prefixDef[@ident = $prefix])[1]"/>
    <xsl:variable name="rest" as="xs:string" select="substring-after($pointer, ':')"/>
    <!-- a pointer that is no URI at all (quotes, spaces, '<' in a hostile file) points nowhere -->
    <xsl:try>
      <xsl:choose>
        <xsl:when test="exists($known)">
          <xsl:sequence select="resolve-uri($known/@file || '#' || $known/@id, $tei-root)"/>
        </xsl:when>
        <xsl:when test="starts-with($pointer, '#')">
          <xsl:sequence select="xs:anyURI(base-uri(root($context)) || $pointer)"/>
        </xsl:when>
        <xsl:when test="exists($def) and matches($rest, '^' || $def/@matchPattern || '$')">
          <xsl:sequence select="resolve-uri(
            replace($rest, '^' || $def/@matchPattern || '$', $def/@replacementPattern),
            base-uri($def))"/>
        </xsl:when>
        <xsl:when test="$pointer = ''"/>
        <xsl:otherwise>
          <xsl:sequence select="resolve-uri($pointer, base-uri($context))"/>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:catch errors="err:FORG0002 err:FORG0001 err:FORG0009 err:FORX0002 err:FORX0003 err:FORX0004" select="()"/>
    </xsl:try>
  </xsl:function>

  <xsl:function name="pe:pointer-id" as="xs:string">
    <xsl:param name="pointer" as="xs:string"/>
    <xsl:param name="context" as="node()"/>
    <xsl:sequence select="string(substring-after(string(pe:pointer-uri($pointer, $context)), '#'))"/>
  </xsl:function>

  <xsl:function name="pe:pointer-target" as="element()?">
    <xsl:param name="pointer" as="xs:string"/>
    <xsl:param name="context" as="node()"/>
    <xsl:variable name="uri" as="xs:string" select="string(pe:pointer-uri($pointer, $context))"/>
    <xsl:variable name="file" as="xs:string"
      select="if (contains($uri, '#')) then substring-before($uri, '#') else $uri"/>
    <!-- '#id': the same document, whichever file it came from (a copy in the catalogue too) -->
    <xsl:if test="starts-with($pointer, '#')">
      <xsl:sequence select="root($context)/id(substring($pointer, 2))[1]"/>
    </xsl:if>
    <xsl:if test="not(starts-with($pointer, '#')) and $file != '' and pe:inside-collection($file) and doc-available($file)">
      <xsl:sequence select="
        if (contains($uri, '#')) then doc($file)/id(substring-after($uri, '#'))[1]
        else doc($file)/*"/>
    </xsl:if>
  </xsl:function>

  <!-- All targets of a space-separated list of pointers, in the order given. -->
  <xsl:function name="pe:pointer-targets" as="element()*">
    <xsl:param name="pointers" as="xs:string?"/>
    <xsl:param name="context" as="node()"/>
    <xsl:sequence select="tokenize(normalize-space($pointers), ' ')[. != '']
      ! pe:pointer-target(., $context)"/>
  </xsl:function>


  <!-- The refs in an attribute value ('claim:a claim:b' -> two strings). -->
  <xsl:function name="pe:refs" as="xs:string*">
    <xsl:param name="value" as="attribute()?"/>
    <xsl:sequence select="tokenize(normalize-space($value))"/>
  </xsl:function>

  <!-- ======================================================== paths -->

  <xsl:function name="pe:page-path" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:sequence select="($pe:pages($key), error(xs:QName('pe:PAGE'), 'No page ' || $key))[1]"/>
  </xsl:function>

  <!-- index entry page of an entity id: indexes/{index}/{id}.html by the prefix of the id (one of
       $pe:indexes: per-, pla-, org-), or the about page for an editor (ed-) -->
  <xsl:function name="pe:entity-path" as="xs:string">
    <xsl:param name="id" as="xs:string"/>
    <xsl:variable name="kind" as="xs:string" select="substring-before($id, '-')"/>
    <xsl:variable name="index" as="map(xs:string, xs:string)?" select="$pe:indexes[?prefix = $kind][1]"/>
    <xsl:sequence select="
      if (exists($index)) then 'indexes/' || $index?name || '/' || $id || '.html'
      else if ($kind = 'ed') then 'about.html#' || $id
      else error(xs:QName('pe:PATH'), 'Not an index id: ' || $id)"/>
  </xsl:function>

  <!-- page $n (from 2) of an index entry named by too many sources for one page -->
  <xsl:function name="pe:entity-page-path" as="xs:string">
    <xsl:param name="id" as="xs:string"/>
    <xsl:param name="n" as="xs:integer"/>
    <xsl:sequence select="replace(pe:entity-path($id), '\.html$', '') || '/' || $n || '.html'"/>
  </xsl:function>

  <!-- page $n of a chronology too long for one page -->
  <!-- page $n of a claims overview split into pages (claims.xsl, $claims-page-size): the first is
       claims/index.html, the others claims/{n}.html (claim pages are claims/claim-….html) -->
  <xsl:function name="pe:claims-page-path" as="xs:string">
    <xsl:param name="n" as="xs:integer"/>
    <xsl:sequence select="if ($n le 1) then pe:page-path('claims') else 'claims/' || $n || '.html'"/>
  </xsl:function>

  <!-- page $n of the overview's claims, showing group $group of its sources: claims/2-3.html -->
  <xsl:function name="pe:claims-page-path" as="xs:string">
    <xsl:param name="n" as="xs:integer"/>
    <xsl:param name="group" as="xs:integer"/>
    <xsl:sequence select="if ($group le 1) then pe:claims-page-path($n) else 'claims/' || $n || '-' || $group || '.html'"/>
  </xsl:function>

  <xsl:function name="pe:chronology-page-path" as="xs:string">
    <xsl:param name="n" as="xs:integer"/>
    <xsl:sequence select="'chronology/' || $n || '.html'"/>
  </xsl:function>

  <!-- page $n of the chronology's other dates (glosses, references, outside the period), when
       they do not fit on its overview: chronology/other-2.html -->
  <xsl:function name="pe:chronology-other-path" as="xs:string">
    <xsl:param name="n" as="xs:integer"/>
    <xsl:sequence select="'chronology/other-' || $n || '.html'"/>
  </xsl:function>

  <!-- claim page of a claim id ('claim-expelled-1933') -->
  <xsl:function name="pe:claim-path" as="xs:string">
    <xsl:param name="id" as="xs:string"/>
    <xsl:sequence select="'claims/' || $id || '.html'"/>
  </xsl:function>

  <xsl:function name="pe:source-path" as="xs:string">
    <xsl:param name="siglum" as="xs:string"/>
    <xsl:sequence select="'sources/' || $siglum || '.html'"/>
  </xsl:function>

  <!-- a bibliography entry: its anchor on the bibliography page (the entry's xml:id) -->
  <xsl:function name="pe:bibl-path" as="xs:string">
    <xsl:param name="id" as="xs:string"/>
    <xsl:sequence select="pe:page-path('bibliography') || '#' || $id"/>
  </xsl:function>

  <!-- any private URI to the page (and anchor) that shows its target -->
  <xsl:function name="pe:ref-path" as="xs:string?">
    <xsl:param name="ref" as="xs:string"/>
    <xsl:variable name="kind" as="xs:string" select="pe:ref-kind($ref)"/>
    <xsl:variable name="id" as="xs:string" select="pe:ref-id($ref)"/>
    <xsl:sequence select="
      if ($kind = ($pe:indexes?prefix, 'ed')) then pe:entity-path($id)
      else if ($kind = 'claim') then pe:claim-path($id)
      else if ($kind = 'bib') then pe:bibl-path($id)
      else ()"/>
  </xsl:function>

  <!-- 'sources/sample.xml#sample-num7' (a path relative to tei/) -> 'sources/sample.html#sample-num7' -->
  <xsl:function name="pe:corresp-path" as="xs:string">
    <xsl:param name="pointer" as="xs:string"/>
    <xsl:variable name="file" as="xs:string" select="tokenize(substring-before($pointer || '#', '#'), '/')[last()]"/>
    <xsl:variable name="frag" as="xs:string" select="substring-after($pointer, '#')"/>
    <xsl:sequence select="pe:source-path(replace($file, '\.xml$', ''))
      || (if ($frag) then '#' || $frag else '')"/>
  </xsl:function>

  <!-- the reading page of the source holding $el, at the nearest ancestor-or-self with an id -->
  <xsl:function name="pe:node-path" as="xs:string">
    <xsl:param name="el" as="element()"/>
    <xsl:variable name="target" as="element()?" select="$el/ancestor-or-self::*[@xml:id][not(self::tei:TEI)][1]"/>
    <xsl:sequence select="pe:source-path(pe:siglum($el))
      || (if ($target) then '#' || $target/@xml:id else '')"/>
  </xsl:function>

  <!-- ======================================================== dates and numbers -->

  <xsl:variable name="pe:months" as="xs:string+"
    select="tokenize(pe:label('months'), ' ')"/>

  <!-- '1932-12' -> 'December 1932'; '1937-03-05' -> '5 March 1937'; '1937' -> '1937' -->
  <xsl:function name="pe:iso-label" as="xs:string">
    <xsl:param name="iso" as="xs:string"/>
    <xsl:variable name="p" as="xs:string*" select="tokenize($iso, '-')"/>
    <xsl:sequence select="string-join((
      if (count($p) ge 3) then string(xs:integer($p[3])) else (),
      if (count($p) ge 2 and $p[2] castable as xs:integer) then $pe:months[xs:integer($p[2])] else (),
      $p[1]), ' ')"/>
  </xsl:function>

  <!-- a tei:date described in words from its attributes ('1936–1938', 'from 1934', ...) -->
  <xsl:function name="pe:date-label" as="xs:string">
    <xsl:param name="date" as="element()"/>
    <xsl:sequence select="
      if ($date/@when) then pe:iso-label($date/@when)
      else if ($date/@from and $date/@to) then pe:iso-label($date/@from) || '–' || pe:iso-label($date/@to)
      else if ($date/@notBefore and $date/@notAfter) then pe:label('date-between', (pe:iso-label($date/@notBefore), pe:iso-label($date/@notAfter)))
      else if ($date/@notBefore) then pe:label('date-not-before', pe:iso-label($date/@notBefore))
      else if ($date/@notAfter) then pe:label('date-not-after', pe:iso-label($date/@notAfter))
      else if ($date/@from) then pe:label('date-from', pe:iso-label($date/@from))
      else if ($date/@to) then pe:label('date-to', pe:iso-label($date/@to))
      else normalize-space($date)"/>
  </xsl:function>

  <!-- a tei:num described by its normalised value ('over 1000', '40–50', '0.6667') -->
  <xsl:function name="pe:num-label" as="xs:string">
    <xsl:param name="num" as="element()"/>
    <xsl:sequence select="
      if ($num/@atLeast and $num/@atMost) then $num/@atLeast || '–' || $num/@atMost
      else if ($num/@atLeast) then pe:label('num-at-least', string($num/@atLeast))
      else if ($num/@atMost) then pe:label('num-at-most', string($num/@atMost))
      else if ($num/@value) then string($num/@value)
      else normalize-space($num)"/>
  </xsl:function>

  <!-- ======================================================== edition metadata -->

  <!-- the build date: $build-date if given, else the latest change/@when of the sources -->
  <xsl:function name="pe:build-date" as="xs:string" cache="yes">
    <xsl:sequence select="if ($build-date ne '') then $build-date
      else string((max(pe:sources()//tei:revisionDesc//tei:change/@when/string()), '')[1])"/>
  </xsl:function>

  <xsl:function name="pe:edition-version" as="xs:string" cache="yes">
    <xsl:sequence select="if ($edition-version ne '') then $edition-version
      else string($pe:edition/tei:TEI/tei:teiHeader/tei:fileDesc/tei:editionStmt/tei:edition/@n)"/>
  </xsl:function>

  <!-- a title or name closed by a full stop, unless it already ends in one, a question or an
       exclamation mark ('party?' stays 'party?', 'Viktor N.' stays 'Viktor N.') -->
  <xsl:function name="pe:sentence" as="xs:string">
    <xsl:param name="s" as="xs:string"/>
    <xsl:variable name="t" as="xs:string" select="normalize-space($s)"/>
    <xsl:sequence select="if (matches($t, '[.?!…]$')) then $t else $t || '.'"/>
  </xsl:function>

  <!-- the edition's stable address, ending in '/': $site-base if the build was given one (a
       release names its version's address), else the edition description's idno type="url" -->
  <xsl:function name="pe:site-base" as="xs:string" cache="yes">
    <xsl:variable name="declared" as="xs:string" select="normalize-space(string(
      ($pe:edition/tei:TEI/tei:teiHeader/tei:fileDesc/tei:publicationStmt/tei:idno[@type = 'url'])[1]))"/>
    <xsl:sequence select="if ($site-base ne '') then $site-base
      else if ($declared eq '') then ''
      else if (ends-with($declared, '/')) then $declared else $declared || '/'"/>
  </xsl:function>

  <!-- the path of the edition's address on its host ('/', '/versions/0.1.0/') -->
  <xsl:function name="pe:site-root-path" as="xs:string">
    <xsl:variable name="path" as="xs:string" select="replace(pe:site-base(), '^[A-Za-z][A-Za-z0-9+.-]*://[^/]*', '')"/>
    <xsl:sequence select="if ($path eq '') then '/' else $path"/>
  </xsl:function>

  <!-- the certainty of an element (@cert), as one of high | medium | low | unknown -->
  <xsl:function name="pe:cert" as="xs:string">
    <xsl:param name="el" as="element()?"/>
    <xsl:sequence select="if ($el/@cert = ('high', 'medium', 'low')) then string($el/@cert) else 'unknown'"/>
  </xsl:function>

  <!-- the relative way back to the site root from a page path ('sources/x.html' -> '../') -->
  <xsl:function name="pe:root-of" as="xs:string">
    <xsl:param name="path" as="xs:string"/>
    <xsl:sequence select="string-join(tokenize($path, '/')[position() lt last()] ! '../')"/>
  </xsl:function>
</xsl:stylesheet>
